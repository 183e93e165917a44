import Foundation
import GRDB
import KioskHTTP
import KioskStorage

/// Participants' logins: a ``LoginToken`` in the cookie `kiosk_token`, tied to one attempt.
enum ParticipantToken {
    static let cookieName = "kiosk_token"

    static func from(_ request: Request) -> String? {
        LoginToken.from(request, cookie: cookieName)
    }

    static func setCookie(_ token: String) -> String {
        LoginToken.setCookie(cookieName, token)
    }

    static let clearCookie = LoginToken.clearCookie(cookieName)

    static let notLoggedIn = APIError(
        .unauthorized, code: "not_logged_in",
        message: "尚未登录或登录已失效，请重新登录", messageEn: "Not logged in, or the login has ended: log in again")

    /// The attempt of the request's live token, or `not_logged_in`.
    static func attempt(of request: Request, in database: KioskDatabase) throws -> AttemptRecord {
        guard let token = from(request) else { throw notLoggedIn }
        return try database.pool.read { db in try attempt(ofToken: token, db) }
    }

    /// The attempt of a live token, read in the caller's transaction, or `not_logged_in`.
    static func attempt(ofToken token: String, _ db: Database) throws -> AttemptRecord {
        try attempt(ofTokenHash: LoginToken.hash(token), db)
    }

    /// The attempt of the live token with this hash, read in the caller's transaction, or `not_logged_in`.
    static func attempt(ofTokenHash hash: String, _ db: Database) throws -> AttemptRecord {
        guard let id = try AccessTokens.attemptID(forHash: hash, db),
              let record = try AttemptRecord.fetch(id: id, db) else { throw notLoggedIn }
        return record
    }
}
