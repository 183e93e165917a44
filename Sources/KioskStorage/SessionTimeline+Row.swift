import Foundation
import GRDB
import KioskCore

extension SessionTimeline {
    /// The session columns a timeline needs, for queries that join `session` (aliased `s`).
    static let columns = "s.opens_at, s.closes_at, s.started_at, s.paused_at, s.paused_ms, s.ended_at, s.rescheduled_end_at"

    /// The timeline of a stored session, read from a row holding ``columns``.
    init(row: Row, session: Session) {
        self.init(
            window: SessionWindow(start: row["opens_at"], end: row["closes_at"]),
            delivered: session.instrumentID != nil,
            proctorStart: session.proctorStart,
            control: SessionControl(
                startedAt: row["started_at"], pausedAt: row["paused_at"],
                pausedTotal: TimeInterval(row["paused_ms"] as Int64) / 1000,
                endedAt: row["ended_at"], rescheduledEnd: row["rescheduled_end_at"]))
    }
}
