import Foundation
import KioskCore
import KioskStorage

/// A session as the console shows it: the timetable's facts, the state the server's clock gives,
/// what proctors did, and how many participants stand where.
struct SessionView: Encodable {
    var id: String
    var title: LocalizedText
    var date: String
    var start: String
    var end: String?
    var opensAt: Int64
    var closesAt: Int64?
    var instrumentId: String?
    var delivered: Bool
    var practice: Bool
    var proctorStart: Bool
    var durationMinutes: Int?
    var audience: Audience
    var state: SessionState
    var startedAt: Int64?
    var pausedAt: Int64?
    var endedAt: Int64?
    var pausedMs: Int64
    var counts: [String: Int]
    /// True when the session's instrument is sealed; left out otherwise.
    var sealed: Bool?
    /// True while that sealed instrument waits for the day's key (after every restart too).
    var locked: Bool?

    init(_ scheduled: ScheduledSession, statuses: [RosterStatus], now: Date) {
        let session = scheduled.session
        let timeline = scheduled.timeline
        id = session.id
        title = session.title
        date = session.date.description
        start = session.start.description
        end = session.end?.description
        opensAt = timeline.window.start.millisecondsSince1970
        closesAt = timeline.effectiveEnd?.millisecondsSince1970
        instrumentId = session.instrumentID
        delivered = timeline.delivered
        practice = session.practice
        proctorStart = session.proctorStart
        durationMinutes = session.durationMinutes
        audience = session.audience
        state = timeline.state(at: now)
        startedAt = timeline.control.startedAt?.millisecondsSince1970
        pausedAt = timeline.control.pausedAt?.millisecondsSince1970
        endedAt = timeline.control.endedAt?.millisecondsSince1970
        pausedMs = Int64((timeline.control.pausedTotal * 1000).rounded())
        var counts = Dictionary(uniqueKeysWithValues: RosterStatus.allCases.map { ($0.rawValue, 0) })
        for status in statuses { counts[status.rawValue, default: 0] += 1 }
        counts["sampled"] = statuses.count
        self.counts = counts
    }
}
