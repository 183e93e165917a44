import Foundation
import GRDB
import KioskCore

/// An emergency (应急事件) as a proctor recorded it: what happened, when, to whom, what was done.
public struct IncidentRecord: Sendable, Equatable {
    public var id: Int64?
    public var sessionID: String?
    public var kind: IncidentKind
    public var occurredAt: Date
    public var participants: [String]
    public var description: String
    public var action: String
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        sessionID: String?, kind: IncidentKind, occurredAt: Date, participants: [String], description: String,
        action: String, recordedBy: String, recordedAt: Date
    ) {
        self.sessionID = sessionID
        self.kind = kind
        self.occurredAt = occurredAt
        self.participants = participants
        self.description = description
        self.action = action
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    init(row: Row) throws {
        id = row["id"]
        sessionID = row["session_id"]
        kind = IncidentKind(rawValue: row["kind"]) ?? .other
        occurredAt = row["occurred_at"]
        participants = try JSONDecoder().decode([String].self, from: Data((row["participants"] as String).utf8))
        description = row["description"]
        action = row["action"]
        recordedBy = row["recorded_by"]
        recordedAt = row["recorded_at"]
    }

    /// Stores the incident and sets its `id`.
    public mutating func insert(_ db: Database) throws {
        let participantsJSON = String(decoding: try JSONEncoder().encode(participants), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO incident (session_id, kind, occurred_at, participants, description, action, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [sessionID, kind.rawValue, occurredAt, participantsJSON, description, action, recordedBy, recordedAt])
        id = db.lastInsertedRowID
    }

    /// The incidents of one session (or every incident, with nil), in the order they happened.
    public static func all(sessionID: String?, _ db: Database) throws -> [IncidentRecord] {
        let rows = if let sessionID {
            try Row.fetchAll(db, sql: "SELECT * FROM incident WHERE session_id = ? ORDER BY occurred_at, id", arguments: [sessionID])
        } else {
            try Row.fetchAll(db, sql: "SELECT * FROM incident ORDER BY occurred_at, id")
        }
        return try rows.map(IncidentRecord.init(row:))
    }
}
