import Foundation
import KioskCore
import KioskStorage

/// Staff accounts as the terminal manages them: add, list, new password, disable. Passwords are
/// hashed with scrypt; each change is audited.
public struct StaffDirectory: Sendable {
    public let database: KioskDatabase
    var hasher = SecretHasher()

    public static let nameLength = 1...64
    public static let passwordLength = 8...256

    public init(database: KioskDatabase) {
        self.database = database
    }

    /// Adds an account; the name must be free.
    public func add(name: String, role: StaffRole, password: String, actor: String, now: Date = Date()) throws {
        let name = try Self.checkedName(name)
        let hash = try hasher.hash(secret: try Self.checkedPassword(password))
        try database.pool.write { db in
            try StaffAccount(name: name, role: role, passwordHash: hash, createdAt: now).insert(db)
            try AuditEntry.record(at: now, actor: actor, action: "staff.add", subject: name, detail: ["role": role.rawValue], db)
        }
    }

    /// Every account, by name.
    public func accounts() throws -> [StaffAccount] {
        try database.pool.read(StaffAccount.all)
    }

    /// Sets a new password (and enables a disabled account); the account's logins end.
    public func setPassword(name: String, password: String, actor: String, now: Date = Date()) throws {
        let hash = try hasher.hash(secret: try Self.checkedPassword(password))
        try database.pool.write { db in
            try StaffAccount.setPassword(name: name, hash: hash, at: now, db)
            try AuditEntry.record(at: now, actor: actor, action: "staff.password", subject: name, detail: [:], db)
        }
    }

    /// Disables the account; its logins end.
    public func disable(name: String, actor: String, now: Date = Date()) throws {
        try database.pool.write { db in
            try StaffAccount.disable(name: name, at: now, db)
            try AuditEntry.record(at: now, actor: actor, action: "staff.disable", subject: name, detail: [:], db)
        }
    }

    static func checkedName(_ name: String) throws -> String {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard nameLength.contains(name.count), !name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) })
        else { throw StaffDirectoryError.badName }
        return name
    }

    static func checkedPassword(_ password: String) throws -> String {
        guard passwordLength.contains(password.count) else { throw StaffDirectoryError.weakPassword }
        return password
    }
}

public enum StaffDirectoryError: Error, CustomStringConvertible {
    case badName
    case weakPassword

    public var description: String {
        switch self {
        case .badName:
            "账号名须为 1 到 64 个字符，不含控制字符 / a name has 1 to 64 characters and no control characters"
        case .weakPassword:
            "密码须为 8 到 256 个字符 / a password has 8 to 256 characters"
        }
    }
}
