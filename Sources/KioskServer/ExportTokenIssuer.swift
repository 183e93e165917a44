import Foundation
import KioskStorage

/// Creates and revokes the tokens collection scripts export with (`Authorization: Bearer`): 256
/// random bits, shown once, stored as SHA-256; each change audited.
public struct ExportTokenIssuer: Sendable {
    public let database: KioskDatabase

    public init(database: KioskDatabase) {
        self.database = database
    }

    /// A new token under `name`; the returned text is the only copy.
    public func create(name: String, actor: String, now: Date = Date()) throws -> String {
        let token = LoginToken.make()
        try database.pool.write { db in
            try ExportTokens.create(name: name, hash: token.hash, by: actor, at: now, db)
            try AuditEntry.record(at: now, actor: actor, action: "export_token.create", subject: name, detail: [:], db)
        }
        return token.token
    }

    public func revoke(name: String, actor: String, now: Date = Date()) throws {
        try database.pool.write { db in
            try ExportTokens.revoke(name: name, at: now, db)
            try AuditEntry.record(at: now, actor: actor, action: "export_token.revoke", subject: name, detail: [:], db)
        }
    }

    public func tokens() throws -> [ExportTokens.Token] {
        try database.pool.read(ExportTokens.all)
    }
}
