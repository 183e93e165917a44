import Foundation
import GRDB
import KioskCore

/// Staff logins: each a token stored as its SHA-256, with the CSRF token that state-changing
/// requests of that login must carry.
public enum StaffLogins {
    /// A live login: the account (enabled) and its CSRF token.
    public struct Login: Sendable, Equatable {
        public var account: StaffAccount
        public var csrfToken: String

        public init(account: StaffAccount, csrfToken: String) {
            self.account = account
            self.csrfToken = csrfToken
        }
    }

    public static func store(
        hash: String, staffName: String, csrfToken: String, clientAddress: String, at now: Date, expiresAt: Date,
        _ db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO staff_login (hash, staff_name, csrf_token, client_address, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [hash, staffName, csrfToken, clientAddress, now, expiresAt])
    }

    /// The live login of this token hash at `now`: not revoked, not expired, its account enabled.
    public static func find(hash: String, at now: Date, _ db: Database) throws -> Login? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT s.*, l.csrf_token FROM staff_login l JOIN staff s ON s.name = l.staff_name
            WHERE l.hash = ? AND l.revoked_at IS NULL AND l.expires_at > ? AND s.disabled_at IS NULL
            """, arguments: [hash, now]) else { return nil }
        return Login(account: StaffAccount(row: row), csrfToken: row["csrf_token"])
    }

    public static func revoke(hash: String, at now: Date, _ db: Database) throws {
        try db.execute(sql: "UPDATE staff_login SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL",
                       arguments: [now, hash])
    }

    public static func revokeAll(staffName: String, at now: Date, _ db: Database) throws {
        try db.execute(sql: "UPDATE staff_login SET revoked_at = ? WHERE staff_name = ? AND revoked_at IS NULL",
                       arguments: [now, staffName])
    }
}
