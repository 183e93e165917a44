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

    /// Every entry, oldest first.
    public static func all(_ db: Database) throws -> [AuditEntry] {
        try AuditEntry.order(Column("id")).fetchAll(db)
    }
}
