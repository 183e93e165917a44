import Foundation
import GRDB
import KioskCore

/// A session of the loaded timetable with its window as stored (absolute instants) and what
/// proctors did to it.
public struct ScheduledSession: Sendable, Equatable {
    public var session: Session
    public var timeline: SessionTimeline

    /// The timetable's window.
    public var window: SessionWindow { timeline.window }

    /// Every session in timetable order.
    public static func all(_ db: Database) throws -> [ScheduledSession] {
        try Row.fetchAll(db, sql: selection + " ORDER BY s.position").map(ScheduledSession.init(row:))
    }

    /// The session with this ID.
    public static func fetch(id: String, _ db: Database) throws -> ScheduledSession? {
        try Row.fetchOne(db, sql: selection + " WHERE s.id = ?", arguments: [id]).map(ScheduledSession.init(row:))
    }

    static let selection = "SELECT s.definition, \(SessionTimeline.columns) FROM session s"

    init(row: Row) throws {
        session = try SessionDefinitions.session(from: row[0])
        timeline = SessionTimeline(row: row, from: 1, session: session)
    }

    /// Records the proctors' control of the session.
    public static func save(_ control: SessionControl, sessionID: String, _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE session SET started_at = ?, paused_at = ?, paused_ms = ?, ended_at = ?, rescheduled_end_at = ?
                WHERE id = ?
                """,
            arguments: [control.startedAt, control.pausedAt, Int64((control.pausedTotal * 1000).rounded()),
                        control.endedAt, control.rescheduledEnd, sessionID])
    }
}

/// A rostered participant and the hash of their access code.
public struct ParticipantRecord: Sendable, Equatable {
    public var entry: RosterEntry
    public var codeHash: String?

    /// Every rostered participant, in roster order.
    public static func allEntries(_ db: Database) throws -> [RosterEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM participant ORDER BY position").map(RosterEntry.init(row:))
    }

    /// The participant with this ID, matched without regard to case.
    public static func fetch(id: String, _ db: Database) throws -> ParticipantRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM participant WHERE id = ?", arguments: [id]).map { row in
            ParticipantRecord(entry: RosterEntry(row: row), codeHash: row["code_hash"])
        }
    }
}
