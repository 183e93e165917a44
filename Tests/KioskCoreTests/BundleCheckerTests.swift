import Foundation
import Testing
@testable import KioskCore

@Suite("BundleChecker")
struct BundleCheckerTests {
    /// `file place code` for each diagnostic, where the place is the JSON path or `:line`.
    private func summaries(_ report: CheckReport) -> [String] {
        report.diagnostics.map { diagnostic in
            let place: String
            switch diagnostic.location {
            case .file: place = "-"
            case .line(let line, _): place = ":\(line)"
            case .jsonPath(let path): place = path.description
            }
            return "\(diagnostic.file) \(place) \(diagnostic.code.rawValue)"
        }
    }

    @Test func cleanBundleHasNoDiagnosticsAndLoads() throws {
        let report = BundleChecker().check(bundleAt: BundleFixtures.bundle("clean"))
        #expect(report.diagnostics.isEmpty, "\(report)")
        #expect(report.isClean)
        let bundle = try #require(report.bundle)
        #expect(bundle.site.site.code == "650102-017")
        #expect(bundle.site.timeZone.identifier == "Asia/Urumqi")
        #expect(bundle.instruments.map(\.id) == ["G4-STU-1", "PRN-1", "TCH-1"])
        #expect(bundle.timetable.sessions.count == 6)
        #expect(bundle.roster.entries.count == 5)
        #expect(try DeploymentBundle.load(from: BundleFixtures.bundle("clean")) == bundle)
    }

    @Test func brokenBundleReportsEveryProblemWithItsPlace() {
        let report = BundleChecker().check(bundleAt: BundleFixtures.bundle("broken"))
        let item = "instruments/a_student.json $.sections[0].pages[0].items"
        let expected = [
            "kiosk.json $.theme unknown_field",
            "kiosk.json $.timeZone invalid_time_zone",
            "\(item)[0].requirement field_not_applicable",
            "\(item)[1].options[1].code duplicate_option_code",
            "\(item)[2].min min_greater_than_max",
            "\(item)[3].type unknown_item_type",
            "\(item)[4].name duplicate_variable",
            "\(item)[5].statements[1].name duplicate_variable",
            "\(item)[6].maxLength invalid_max_length",
            "\(item)[7].label missing_field",
            "\(item)[8].relevant rule_syntax",
            "\(item)[9].relevant rule_unknown_variable",
            "\(item)[10].relevant rule_forward_reference",
            "\(item)[11].relevant rule_self_reference",
            "\(item)[12].relevant rule_not_answerable",
            "\(item)[13].minSelections min_greater_than_max",
            "\(item)[14].name invalid_identifier",
            "\(item)[15].colour unknown_field",
            "\(item)[15].requirement invalid_value",
            "instruments/b_duplicate.json $.id duplicate_instrument_id",
            "instruments/c_syntax.json :4 json_syntax",
            "instruments/d_teacher.json $.id instrument_not_scheduled",
            "timetable.json $.sessions[1].durationMinutes duration_exceeds_window",
            "timetable.json $.sessions[2] session_overlap",
            "timetable.json $.sessions[3].id duplicate_session_id",
            "timetable.json $.sessions[4].instrument unknown_instrument",
            "timetable.json $.sessions[5].audience audience_mismatch",
            "timetable.json $.sessions[5].audience session_without_participants",
            "timetable.json $.sessions[6].date invalid_date",
            "timetable.json $.sessions[7].start invalid_time",
            "timetable.json $.sessions[8].end end_before_start",
            "timetable.json $.sessions[9].end missing_field",
            "timetable.json $.sessions[11].end open_ended_student_session",
            "timetable.json $.sessions[12] session_overlap",
            "roster.csv :1 unknown_column",
            "roster.csv :3 invalid_role",
            "roster.csv :4 missing_grade",
            "roster.csv :5 duplicate_participant_id",
            "roster.csv :6 wrong_column_count",
            "roster.csv :7 invalid_gender",
            "roster.csv :8 invalid_identifier",
            "roster.csv :9 school_mismatch",
            "roster.csv :10 audience_without_session",
            "roster.csv :12 invalid_grade",
            "roster.csv :15 duplicate_participant_id",
            "roster.csv :16 empty_value",
        ]
        #expect(summaries(report) == expected, "\(report)")
        #expect(!report.isClean)
        #expect(report.bundle == nil)
    }

    @Test func jsonSyntaxErrorIsLocatedToLineAndColumn() throws {
        let report = BundleChecker().check(bundleAt: BundleFixtures.bundle("broken"))
        let syntax = try #require(report.diagnostics.first { $0.code == .jsonSyntax })
        #expect(syntax.location == .line(4, column: 3))
    }

    @Test func openEndedTeacherSessionOverlapsNoStudentSession() {
        let report = BundleChecker().check(bundleAt: BundleFixtures.bundle("broken"))
        let overlaps = report.diagnostics.filter { $0.code == .sessionOverlap }
        #expect(overlaps.allSatisfy { !$0.message.en.contains("TCH-D1") })
        #expect(overlaps.contains { $0.message.en.contains("G4-LATE") && $0.message.en.contains("G4-OPEN") })
    }

    @Test func missingFilesAreAllReported() {
        let report = BundleChecker().check(bundleAt: BundleFixtures.bundle("incomplete"))
        #expect(summaries(report) == [
            "instruments/ - missing_file",
            "timetable.json - missing_file",
            "roster.csv - missing_file",
        ])
    }

    @Test func loadThrowsTheReport() {
        #expect {
            try DeploymentBundle.load(from: BundleFixtures.bundle("incomplete"))
        } throws: { error in
            (error as? BundleLoadError)?.report.errors.count == 3
        }
    }

    @Test func renderingShowsPlaceSeverityCodeMessagesAndHint() throws {
        let report = BundleChecker().check(bundleAt: BundleFixtures.bundle("broken"))
        let duplicate = try #require(report.diagnostics.first { $0.code == .duplicateVariable })
        #expect(duplicate.description.hasPrefix(
            "instruments/a_student.json $.sections[0].pages[0].items[4].name: 错误 duplicate_variable: 变量名 SQ01 重复"))
        #expect(duplicate.description.contains(" / duplicate variable name SQ01"))
        #expect(duplicate.description.contains(" — 提示/hint: "))
        let role = try #require(report.diagnostics.first { $0.code == .invalidRole })
        #expect(role.description.hasPrefix("roster.csv:3: 错误 invalid_role: "))
        let rendered = report.description.split(separator: "\n")
        #expect(rendered.count == report.diagnostics.count + 1)
        #expect(rendered.last == "发现 36 个错误、10 个警告 / found 36 errors, 10 warnings")
    }

    @Test func ruleSyntaxErrorPointsAtTheCharacter() throws {
        let report = BundleChecker().check(bundleAt: BundleFixtures.bundle("broken"))
        let syntax = try #require(report.diagnostics.first { $0.code == .ruleSyntax })
        #expect(syntax.message.en.contains("character 11"))
        #expect(syntax.hint.en.hasSuffix("${SQ01} = ▶(1"))
    }

    @Test func everyCodeHasOneSeverity() {
        let warnings = DiagnosticCode.allCases.filter { $0.severity == .warning }.map(\.rawValue)
        #expect(Set(warnings) == [
            "no_instruments", "unknown_field", "field_not_applicable", "duration_exceeds_window",
            "open_ended_student_session", "instrument_not_scheduled", "session_without_participants",
            "unknown_column", "audience_without_session", "school_mismatch",
        ])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: BundleFixtures.demoBundle.path)))
    func demoBundleIsClean() {
        let report = BundleChecker().check(bundleAt: BundleFixtures.demoBundle)
        #expect(report.errors.isEmpty, "\(report)")
    }
}
