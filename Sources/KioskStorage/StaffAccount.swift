import Foundation
import GRDB
import KioskCore

/// A staff member's account: a name, a role and the scrypt hash of the password.
public struct StaffAccount: Sendable, Equatable {
    public var name: String
    public var role: StaffRole
    public var passwordHash: String
    public var createdAt: Date
    public var disabledAt: Date?

    public init(name: String, role: StaffRole, passwordHash: String, createdAt: Date, disabledAt: Date? = nil) {
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }

    init(row: Row) {
        name = row["name"]
        role = StaffRole(rawValue: row["role"]) ?? .inspector
        passwordHash = row["password_hash"]
        createdAt = row["created_at"]
        disabledAt = row["disabled_at"]
    }

    /// The account with this name, matched without regard to case.
    public static func fetch(name: String, _ db: Database) throws -> StaffAccount? {
        try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE name = ?", arguments: [name]).map(StaffAccount.init(row:))
    }

    /// Every account, by name.
    public static func all(_ db: Database) throws -> [StaffAccount] {
        try Row.fetchAll(db, sql: "SELECT * FROM staff ORDER BY name").map(StaffAccount.init(row:))
    }

    /// Stores a new account; throws ``StaffAccountError/exists`` when the name is taken.
    public func insert(_ db: Database) throws {
        guard try Self.fetch(name: name, db) == nil else { throw StaffAccountError.exists(name) }
        try db.execute(
            sql: "INSERT INTO staff (name, role, password_hash, created_at, disabled_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [name, role.rawValue, passwordHash, createdAt, disabledAt])
    }

    /// Sets a new password (enabling a disabled account again); every login of the account ends.
    public static func setPassword(name: String, hash: String, at now: Date, _ db: Database) throws {
        try db.execute(sql: "UPDATE staff SET password_hash = ?, disabled_at = NULL WHERE name = ?", arguments: [hash, name])
        guard db.changesCount > 0 else { throw StaffAccountError.unknown(name) }
        try StaffLogins.revokeAll(staffName: name, at: now, db)
    }

    /// Disables the account; every login of it ends.
    public static func disable(name: String, at now: Date, _ db: Database) throws {
        try db.execute(sql: "UPDATE staff SET disabled_at = ? WHERE name = ? AND disabled_at IS NULL", arguments: [now, name])
        guard try fetch(name: name, db) != nil else { throw StaffAccountError.unknown(name) }
        try StaffLogins.revokeAll(staffName: name, at: now, db)
    }
}

public enum StaffAccountError: Error, Equatable, CustomStringConvertible {
    case exists(String)
    case unknown(String)

    public var description: String {
        switch self {
        case .exists(let name): "已有名为 \(name) 的账号 / an account named \(name) exists"
        case .unknown(let name): "没有名为 \(name) 的账号 / there is no account named \(name)"
        }
    }
}
