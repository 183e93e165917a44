import Foundation
import GRDB
import KioskCore

/// A session of the loaded timetable with its window as stored (absolute instants) and whether a
/// proctor has started it.
public struct ScheduledSession: Sendable, Equatable {
    public var session: Session
    public var window: SessionWindow
    public var startedByProctorAt: Date?

    /// Every session in timetable order.
    public static func all(_ db: Database) throws -> [ScheduledSession] {
        let decoder = JSONDecoder()
        return try Row.fetchAll(db, sql: "SELECT * FROM session ORDER BY position").map { row in
            ScheduledSession(
                session: try decoder.decode(Session.self, from: Data((row["definition"] as String).utf8)),
                window: SessionWindow(start: row["opens_at"], end: row["closes_at"]),
                startedByProctorAt: row["started_at"])
        }
    }
}

/// A rostered participant and the hash of their access code.
public struct ParticipantRecord: Sendable, Equatable {
    public var entry: RosterEntry
    public var codeHash: String?

    /// The participant with this ID, matched without regard to case.
    public static func fetch(id: String, _ db: Database) throws -> ParticipantRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM participant WHERE id = ?", arguments: [id]).map { row in
            ParticipantRecord(entry: RosterEntry(row: row), codeHash: row["code_hash"])
        }
    }
}
