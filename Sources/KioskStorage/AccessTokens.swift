import Foundation
import GRDB

/// Participants' login tokens, stored as SHA-256 hashes and tied to one attempt.
public enum AccessTokens {
    /// Stores a login's token hash, with the address of the machine that logged in.
    public static func store(hash: String, attemptID: Int64, clientAddress: String, at now: Date, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO access_token (hash, attempt_id, client_address, created_at) VALUES (?, ?, ?, ?)",
            arguments: [hash, attemptID, clientAddress, now])
    }

    /// The attempt a live (not revoked) token belongs to.
    public static func attemptID(forHash hash: String, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT attempt_id FROM access_token WHERE hash = ? AND revoked_at IS NULL"),
                           arguments: [hash])
    }

    /// Whether the attempt has a live token (someone is logged in to it).
    public static func hasLiveToken(attemptID: Int64, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM access_token WHERE attempt_id = ? AND revoked_at IS NULL)",
                          arguments: [attemptID]) ?? false
    }

    /// Revokes every live token of the attempt.
    public static func revokeAll(attemptID: Int64, at now: Date, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE access_token SET revoked_at = ? WHERE attempt_id = ? AND revoked_at IS NULL",
            arguments: [now, attemptID])
    }

    public static func revoke(hash: String, at now: Date, _ db: Database) throws {
        try db.execute(sql: "UPDATE access_token SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL",
                       arguments: [now, hash])
    }
}
