import Foundation
import GRDB
import KioskCore

/// A stored absent or excluded mark: the mark, on whom, for which session, by whom and when.
public struct MarkRecord: Sendable, Equatable {
    public var participantID: String
    public var sessionID: String
    public var mark: ParticipantMark
    public var markedBy: String
    public var markedAt: Date

    init(row: Row) {
        participantID = row["participant_id"]
        sessionID = row["session_id"]
        mark = ParticipantMark(
            trusted: ParticipantMark.Kind(rawValue: row["kind"]) ?? .absent, reason: row["reason"], note: row["note"])
        markedBy = row["marked_by"]
        markedAt = row["marked_at"]
    }
}

/// Proctors' absent and excluded marks, one per participant and session.
public enum ParticipantMarks {
    public static func set(
        _ mark: ParticipantMark, participantID: String, sessionID: String, by staffName: String, at now: Date,
        _ db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO participant_mark (participant_id, session_id, kind, reason, note, marked_by, marked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (participant_id, session_id) DO UPDATE SET kind = excluded.kind, reason = excluded.reason,
                    note = excluded.note, marked_by = excluded.marked_by, marked_at = excluded.marked_at
                """,
            arguments: [participantID, sessionID, mark.kind.rawValue, mark.reason, mark.note, staffName, now])
    }

    /// Removes the mark; returns whether there was one.
    @discardableResult
    public static func clear(participantID: String, sessionID: String, _ db: Database) throws -> Bool {
        try db.execute(sql: "DELETE FROM participant_mark WHERE participant_id = ? AND session_id = ?",
                       arguments: [participantID, sessionID])
        return db.changesCount > 0
    }

    public static func fetch(participantID: String, sessionID: String, _ db: Database) throws -> MarkRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM participant_mark WHERE participant_id = ? AND session_id = ?",
                         arguments: [participantID, sessionID]).map(MarkRecord.init(row:))
    }

    /// The session's marks by participant ID (lowercased).
    public static func forSession(_ sessionID: String, _ db: Database) throws -> [String: MarkRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM participant_mark WHERE session_id = ?", arguments: [sessionID])
            .reduce(into: [:]) { marks, row in
                let record = MarkRecord(row: row)
                marks[record.participantID.lowercased()] = record
            }
    }
}
