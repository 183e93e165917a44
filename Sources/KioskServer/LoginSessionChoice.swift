import Foundation
import KioskCore
import KioskStorage

/// Which session a participant's login belongs to: the first of today's delivered sessions for
/// their audience that they have not finished and whose window has not ended; when every one is
/// done, the last one they sat (so the page can say it is submitted).
enum LoginSessionChoice {
    static func choose(
        for participant: RosterEntry, sessions: [ScheduledSession], now: Date, timeZone: TimeZone,
        attempt: (String) throws -> AttemptRecord?
    ) throws -> ScheduledSession? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let endOfToday = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now))!
        let mine = sessions
            .filter { $0.session.instrumentID != nil && $0.session.audience.includes(participant) }
            .filter { $0.window.start < endOfToday }
            .sorted { $0.window.start < $1.window.start }
        var lastSat: ScheduledSession?
        for scheduled in mine {
            if let existing = try attempt(scheduled.session.id) {
                switch existing.timeline.state(at: now) {
                case .submitted, .timedOut, .closed:
                    lastSat = scheduled
                    continue
                case .waiting, .open, .paused:
                    return scheduled
                }
            }
            switch scheduled.timeline.state(at: now) {
            case .ended, .closed, .notDelivered: continue
            case .scheduled, .awaitingStart, .open, .paused: return scheduled
            }
        }
        return lastSat
    }
}
