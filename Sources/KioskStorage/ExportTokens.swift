import Foundation
import GRDB

/// The tokens collection scripts export with, by name, stored as SHA-256 hashes; revocable.
public enum ExportTokens {
    public struct Token: Sendable, Equatable {
        public var name: String
        public var createdBy: String
        public var createdAt: Date
        public var revokedAt: Date?
    }

    /// Stores a new token's hash under a free name.
    public static func create(name: String, hash: String, by actor: String, at now: Date, _ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM export_token WHERE name = ?)", arguments: [name]) == false
        else { throw ExportTokenError.exists(name) }
        try db.execute(
            sql: "INSERT INTO export_token (name, hash, created_by, created_at) VALUES (?, ?, ?, ?)",
            arguments: [name, hash, actor, now])
    }

    public static func all(_ db: Database) throws -> [Token] {
        try Row.fetchAll(db, sql: "SELECT * FROM export_token ORDER BY name").map {
            Token(name: $0["name"], createdBy: $0["created_by"], createdAt: $0["created_at"], revokedAt: $0["revoked_at"])
        }
    }

    public static func revoke(name: String, at now: Date, _ db: Database) throws {
        try db.execute(sql: "UPDATE export_token SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", arguments: [now, name])
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM export_token WHERE name = ?)", arguments: [name]) == true
        else { throw ExportTokenError.unknown(name) }
    }

    /// The name of the live token with this hash.
    public static func name(forHash hash: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT name FROM export_token WHERE hash = ? AND revoked_at IS NULL", arguments: [hash])
    }
}

public enum ExportTokenError: Error, Equatable, CustomStringConvertible {
    case exists(String)
    case unknown(String)

    public var description: String {
        switch self {
        case .exists(let name): "已有名为 \(name) 的导出令牌 / an export token named \(name) exists"
        case .unknown(let name): "没有名为 \(name) 的导出令牌 / there is no export token named \(name)"
        }
    }
}
