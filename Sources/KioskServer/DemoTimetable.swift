import Foundation
import KioskCore

/// The demo's timetable moved to the day it is run, so that the demo works at any hour.
public enum DemoTimetable {
    /// The session added to the demo, open from now for an hour.
    public static let openNowSessionID = "DEMO-NOW"
    /// Its instrument: the first grade-4 student questionnaire.
    public static let openNowInstrumentID = "G4-STU-1"

    /// The day's sessions moved to today, with a grade-4 questionnaire open from now for an hour
    /// (those of today's grade-4 sessions it would overlap are left out).
    public static func redated(_ sessions: [Session], now: Date, in timeZone: TimeZone) -> [Session] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        let today = LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!
        // Start no later than 22:59 so that a whole hour fits before midnight.
        let startMinute = min(parts.hour! * 60 + parts.minute!, 22 * 60 + 59)
        let start = LocalTime(hour: startMinute / 60, minute: startMinute % 60)!
        let endMinute = startMinute + 60
        let end = LocalTime(hour: endMinute / 60, minute: endMinute % 60)!
        let audience = Audience(role: .student, grades: [4])

        let openNow = Session(
            id: openNowSessionID,
            title: LocalizedText(zhCN: "演示：四年级学生问卷（一）（现在开放）", en: "Demo: grade 4 student questionnaire (1), open now"),
            date: today, start: start, end: end, instrumentID: openNowInstrumentID, audience: audience,
            durationMinutes: 30, proctorStart: false, practice: false)
        let day = sessions.map { session -> Session in
            var session = session
            session.date = today
            return session
        }
        let kept = day.filter { session in
            guard session.audience.overlaps(audience) else { return true }
            let sessionEnd = session.end ?? LocalTime(hour: 23, minute: 59)!
            return sessionEnd <= start || session.start >= end
        }
        return [openNow] + kept
    }
}
