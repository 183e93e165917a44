import Foundation
import Testing
@testable import KioskCore

@Suite("Timetable")
struct TimetableTests {
    private func session(_ start: String, _ end: String?, on date: String = "2026-05-20") throws -> Session {
        try Session(
            id: "S", title: LocalizedText(zhCN: "场次"), date: #require(LocalDate(date)), start: #require(LocalTime(start)),
            end: end.map { try #require(LocalTime($0)) }, instrumentID: nil, audience: Audience(role: .student, grades: [4]))
    }

    @Test func windowIsReadInTheSiteTimeZone() throws {
        let questionnaire = try session("14:00", "14:30")
        let urumqi = try #require(TimeZone(identifier: "Asia/Urumqi"))
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let inUrumqi = questionnaire.window(in: urumqi)
        let inShanghai = questionnaire.window(in: shanghai)
        #expect(inUrumqi.start == ISO8601DateFormatter().date(from: "2026-05-20T08:00:00Z"))
        #expect(inUrumqi.end == ISO8601DateFormatter().date(from: "2026-05-20T08:30:00Z"))
        #expect(inShanghai.start == ISO8601DateFormatter().date(from: "2026-05-20T06:00:00Z"))
        #expect(inUrumqi.start.timeIntervalSince(inShanghai.start) == 2 * 3600)
    }

    @Test func windowContainsItsStartButNotItsEnd() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let window = try session("14:00", "14:30").window(in: zone)
        let end = try #require(window.end)
        #expect(window.contains(window.start))
        #expect(window.contains(end.addingTimeInterval(-1)))
        #expect(!window.contains(end))
        #expect(!window.contains(window.start.addingTimeInterval(-1)))
    }

    @Test func openEndedWindowHasNoEnd() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Urumqi"))
        let window = try session("09:00", nil).window(in: zone)
        #expect(window.end == nil)
        #expect(window.contains(window.start.addingTimeInterval(7 * 24 * 3600)))
    }

    @Test func localDatesAndTimesAreExact() throws {
        #expect(LocalDate("2028-02-29") != nil)
        #expect(LocalDate("2026-02-29") == nil)
        #expect(LocalDate("2026-5-20") == nil)
        #expect(LocalDate("２０２６-05-20") == nil)
        #expect(LocalTime("23:59")?.minutesSinceMidnight == 1439)
        #expect(LocalTime("24:00") == nil)
        #expect(LocalTime("9:00") == nil)
        #expect(try #require(LocalDate("2026-05-20")).isoWeekday == 3)
        #expect(try #require(LocalDate("2026-05-24")).isoWeekday == 7)
        #expect(try #require(LocalTime("09:05")).description == "09:05")
    }

    @Test func sessionsForAParticipantFollowTheirAudience() throws {
        let timetable = try JSONDecoder().decode(Timetable.self, from: BundleFixtures.data("bundles/clean/timetable.json"))
        let student = RosterEntry(id: "S1", role: .student, grade: 4, name: "学生")
        let otherGrade = RosterEntry(id: "S2", role: .student, grade: 8, name: "学生")
        let teacher = RosterEntry(id: "T1", role: .teacher, grade: 4, name: "老师")
        #expect(timetable.sessions(for: student).map(\.id) == ["G4-D1-CHN", "G4-D1-MATH", "G4-D1-Q1"])
        #expect(timetable.sessions(for: otherGrade).isEmpty)
        #expect(timetable.sessions(for: teacher).map(\.id) == ["TCH-PRACTICE", "TCH-D1"])
        let questionnaire = try #require(timetable.session(withID: "G4-D1-Q1"))
        #expect(questionnaire.proctorStart)
        #expect(questionnaire.durationMinutes == 30)
        #expect(try #require(timetable.session(withID: "TCH-D1")).end == nil)
        #expect(try #require(timetable.session(withID: "TCH-PRACTICE")).practice)
    }

    @Test func audiencesOverlapOnRoleAndGrade() {
        let grade4 = Audience(role: .student, grades: [4])
        let grades4And8 = Audience(role: .student, grades: [4, 8])
        let allStudents = Audience(role: .student)
        let teachers = Audience(role: .teacher)
        #expect(grade4.overlaps(grades4And8))
        #expect(grade4.overlaps(allStudents))
        #expect(!grade4.overlaps(Audience(role: .student, grades: [8])))
        #expect(!teachers.overlaps(allStudents))
        #expect(grade4.isWithin(grades4And8))
        #expect(!allStudents.isWithin(grade4))
        #expect(!grade4.isWithin(teachers))
    }

    @Test func encodingWritesNullEndAndInstrument() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = try #require(String(data: encoder.encode(session("09:00", nil)), encoding: .utf8))
        #expect(text.contains(#""end":null"#))
        #expect(text.contains(#""instrument":null"#))
        #expect(try JSONDecoder().decode(Session.self, from: Data(text.utf8)) == session("09:00", nil))
    }
}
