/// What kind of problem a ``BundleDiagnostic`` reports: stable, so that programs and the
/// documentation can name it. Each code has one ``severity``.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
    // MARK: Files

    /// A file or folder the bundle must have is not there.
    case missingFile = "missing_file"
    /// A file is there but cannot be read.
    case unreadableFile = "unreadable_file"
    /// A JSON file is not UTF-8, or the roster is neither UTF-8 nor GB18030.
    case invalidEncoding = "invalid_encoding"
    /// A JSON file is not well-formed JSON; the diagnostic has the line.
    case jsonSyntax = "json_syntax"
    /// The roster breaks CSV's quoting rules (RFC 4180); the diagnostic has the line.
    case csvSyntax = "csv_syntax"
    /// `instruments/` holds no `.json` file.
    case noInstruments = "no_instruments"

    // MARK: Fields

    /// A field the format requires is absent.
    case missingField = "missing_field"
    /// A field holds the wrong kind of JSON value (text where a number belongs, ...).
    case wrongType = "wrong_type"
    /// A field the format does not know, often a misspelling; it is ignored.
    case unknownField = "unknown_field"
    /// A field the format knows, but not for this kind of item; it is ignored.
    case fieldNotApplicable = "field_not_applicable"
    /// A text that must say something is empty (or a localized text lacks its `zh-CN`).
    case emptyValue = "empty_value"
    /// A list that must have at least one element is empty.
    case emptyList = "empty_list"
    /// An id or name is spelled with characters the format does not allow.
    case invalidIdentifier = "invalid_identifier"
    /// A value is not one of the words the field allows (such as `requirement`).
    case invalidValue = "invalid_value"
    /// A number lies outside the field's range (such as `decimals` above 6).
    case outOfRange = "out_of_range"

    // MARK: Site

    /// `timeZone` is not an IANA time zone this machine knows.
    case invalidTimeZone = "invalid_time_zone"
    /// `languages` is not a list of supported languages with `zh-CN` first.
    case invalidLanguages = "invalid_languages"

    // MARK: Instruments

    /// An item's `type` is not one of the item types.
    case unknownItemType = "unknown_item_type"
    /// Two instrument files declare the same `id`.
    case duplicateInstrumentID = "duplicate_instrument_id"
    /// Two sections or two pages of one instrument share an `id`.
    case duplicateID = "duplicate_id"
    /// Two items or matrix statements of one instrument share a name (compared ignoring case).
    case duplicateVariable = "duplicate_variable"
    /// Two options of one item share a `code`.
    case duplicateOptionCode = "duplicate_option_code"
    /// A lower bound is above its upper bound (`min` and `max`, or the selection limits).
    case minGreaterThanMax = "min_greater_than_max"
    /// A text item's `maxLength` is not a whole number in its allowed range.
    case invalidMaxLength = "invalid_max_length"
    /// A multiple-choice selection limit cannot be met with the item's options.
    case invalidSelectionLimit = "invalid_selection_limit"
    /// A skip rule (`relevant`) cannot be parsed.
    case ruleSyntax = "rule_syntax"
    /// A skip rule names an item the instrument does not have.
    case ruleUnknownVariable = "rule_unknown_variable"
    /// A skip rule names an item that comes after the one it belongs to.
    case ruleForwardReference = "rule_forward_reference"
    /// A skip rule names its own item (or, for a matrix, one of its own statements).
    case ruleSelfReference = "rule_self_reference"
    /// A skip rule names an instruction or a matrix block, which have no answer of their own.
    case ruleNotAnswerable = "rule_not_answerable"

    // MARK: Sealed instruments

    /// A sealed instrument's `format` or `formatVersion` is not one this kiosk reads.
    case unsupportedSealFormat = "unsupported_seal_format"
    /// A sealed instrument's envelope field is malformed (bad base64, wrong size, bad fingerprint).
    case invalidSeal = "invalid_seal"
    /// A session delivers a sealed instrument without a proctor's start, where the key is entered.
    case sealedWithoutProctorStart = "sealed_without_proctor_start"
    /// The day's key given to `kiosk check --key` does not open a sealed instrument.
    case sealKeyWrong = "seal_key_wrong"
    /// A sealed instrument opens, but its content is not what its header says.
    case sealContentMismatch = "seal_content_mismatch"

    // MARK: Timetable

    /// A session's `date` is not a real date written `YYYY-MM-DD`.
    case invalidDate = "invalid_date"
    /// A session's `start` or `end` is not a time written `HH:MM`.
    case invalidTime = "invalid_time"
    /// A session ends at or before its start.
    case endBeforeStart = "end_before_start"
    /// Two sessions share an `id`.
    case duplicateSessionID = "duplicate_session_id"
    /// Two sessions for overlapping audiences overlap in time on the same day.
    case sessionOverlap = "session_overlap"
    /// A session names an instrument no file in `instruments/` declares.
    case unknownInstrument = "unknown_instrument"
    /// A session's audience is not among the people its instrument is written for.
    case audienceMismatch = "audience_mismatch"
    /// A session gives each person more time than its window lasts.
    case durationExceedsWindow = "duration_exceeds_window"
    /// A student session has no end: students' sessions are timed.
    case openEndedStudentSession = "open_ended_student_session"
    /// An instrument no session delivers.
    case instrumentNotScheduled = "instrument_not_scheduled"
    /// A session whose audience has nobody on the roster.
    case sessionWithoutParticipants = "session_without_participants"

    // MARK: Roster

    /// The roster's header lacks a column the format requires.
    case missingColumn = "missing_column"
    /// Two header cells name the same column.
    case duplicateColumn = "duplicate_column"
    /// A header cell names no known column; the column is ignored.
    case unknownColumn = "unknown_column"
    /// A row has more or fewer cells than the header.
    case wrongColumnCount = "wrong_column_count"
    /// Two rows share a participant ID (compared ignoring case).
    case duplicateParticipantID = "duplicate_participant_id"
    /// A role that is not student, teacher or principal (in the roster or an audience).
    case invalidRole = "invalid_role"
    /// A student row without a grade.
    case missingGrade = "missing_grade"
    /// A grade that is not a whole number from 1 to 12 (in the roster or an audience).
    case invalidGrade = "invalid_grade"
    /// A gender that is not 男/M or 女/F.
    case invalidGender = "invalid_gender"
    /// The roster has a header but no participant.
    case emptyRoster = "empty_roster"
    /// A group of rostered participants (role and grade) for whom no session exists.
    case audienceWithoutSession = "audience_without_session"
    /// A row's school code differs from the site's code in `kiosk.json`.
    case schoolMismatch = "school_mismatch"

    /// Whether the code stops the bundle from being used (`error`) or only deserves a look.
    public var severity: BundleDiagnostic.Severity {
        switch self {
        case .noInstruments, .unknownField, .fieldNotApplicable, .durationExceedsWindow,
            .openEndedStudentSession, .instrumentNotScheduled, .sessionWithoutParticipants,
            .unknownColumn, .audienceWithoutSession, .schoolMismatch:
            .warning
        default:
            .error
        }
    }
}
