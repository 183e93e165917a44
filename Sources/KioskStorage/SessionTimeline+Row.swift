import Foundation
import GRDB
import KioskCore

extension SessionTimeline {
    /// The session columns a timeline needs, for queries that join `session` (aliased `s`).
    static let columns = "s.opens_at, s.closes_at, s.started_at, s.paused_at, s.paused_ms, s.ended_at, s.rescheduled_end_at"

    /// The timeline of a stored session, read from a row holding ``columns`` from position `first` on.
    init(row: Row, from first: Int, session: Session) {
        self.init(
            window: SessionWindow(start: row[first], end: row[first + 1]),
            delivered: session.instrumentID != nil,
            proctorStart: session.proctorStart,
            control: SessionControl(
                startedAt: row[first + 2], pausedAt: row[first + 3],
                pausedTotal: TimeInterval(row[first + 4] as Int64) / 1000,
                endedAt: row[first + 5], rescheduledEnd: row[first + 6]))
    }
}
