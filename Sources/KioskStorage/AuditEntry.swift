import Foundation
import GRDB

/// One line of the audit log: who did what to which thing, when, and why. Never updated or deleted.
public struct AuditEntry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit_log"

    public var id: Int64?
    public var at: Date
    /// The staff account, or the operating-system user for command-line actions (`kiosk init`).
    public var actor: String
    /// A stable verb such as `roster.add`, `roster.change`, `instrument.load`.
    public var action: String
    /// What the action was done to: a participant ID, an instrument ID, a session ID.
    public var subject: String
    /// The facts of the change, as JSON.
    public var detail: String
    public var reason: String?

    public init(at: Date, actor: String, action: String, subject: String, detail: String, reason: String? = nil) {
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
        self.reason = reason
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Writes one entry, its detail as JSON with sorted keys.
    public static func record(
        at now: Date, actor: String, action: String, subject: String, detail: [String: String], reason: String? = nil,
        _ db: Database
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var entry = AuditEntry(
            at: now, actor: actor, action: action, subject: subject,
            detail: String(decoding: try encoder.encode(detail), as: UTF8.self), reason: reason)
        try entry.insert(db)
    }

    /// The latest `limit` entries, newest first.
    public static func latest(limit: Int, _ db: Database) throws -> [AuditEntry] {
        try AuditEntry.order(Column("id").desc).limit(limit).fetchAll(db)
    }

    /// Every entry, oldest first.
    public static func all(_ db: Database) throws -> [AuditEntry] {
        try AuditEntry.order(Column("id")).fetchAll(db)
    }
}
