import Foundation

/// One sitting of the day plan: a questionnaire the kiosk delivers, or a subject test it only shows.
public struct Session: Sendable, Hashable, Identifiable {
    /// Letters, digits, `-` and `_`; unique in the timetable.
    public var id: String
    public var title: LocalizedText
    /// The day, in the site's time zone.
    public var date: LocalDate
    public var start: LocalTime
    /// `nil` when the session stays open until a proctor closes it (teacher and principal
    /// questionnaires); otherwise after `start`, on the same day.
    public var end: LocalTime?
    /// The instrument the session delivers, or `nil` for a subject test shown in the day plan only.
    public var instrumentID: String?
    /// The people the session is for.
    public var audience: Audience
    /// Each person's answering time; `nil` when the window alone limits it.
    public var durationMinutes: Int?
    /// Whether the session opens only when a proctor starts it inside its window.
    public var proctorStart: Bool
    /// Whether the session is a rehearsal, whose answers are kept apart and never exported as data.
    public var practice: Bool

    /// The longest `durationMinutes` a session may give: a whole day.
    public static let durationRange = 1...1440

    public init(
        id: String, title: LocalizedText, date: LocalDate, start: LocalTime, end: LocalTime?, instrumentID: String?,
        audience: Audience, durationMinutes: Int? = nil, proctorStart: Bool = false, practice: Bool = false
    ) {
        self.id = id
        self.title = title
        self.date = date
        self.start = start
        self.end = end
        self.instrumentID = instrumentID
        self.audience = audience
        self.durationMinutes = durationMinutes
        self.proctorStart = proctorStart
        self.practice = practice
    }

    /// The window as instants, with the local date and times read in `timeZone` (the site's).
    public func window(in timeZone: TimeZone) -> SessionWindow {
        SessionWindow(
            start: date.instant(at: start, in: timeZone),
            end: end.map { date.instant(at: $0, in: timeZone) })
    }

    /// The minutes of the day the session occupies for timetable checks: an open-ended session
    /// runs to the end of its day.
    var minutesOfDay: Range<Int> {
        start.minutesSinceMidnight..<(end?.minutesSinceMidnight ?? 24 * 60)
    }
}
