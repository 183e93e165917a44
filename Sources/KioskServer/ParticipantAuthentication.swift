import Foundation
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
    static func attempt(of request: Request, in database: KioskDatabase) throws -> (record: AttemptRecord, tokenHash: String) {
        guard let token = from(request) else { throw notLoggedIn }
        let tokenHash = LoginToken.hash(token)
        let record = try database.pool.read { db -> AttemptRecord? in
            guard let id = try AccessTokens.attemptID(forHash: tokenHash, db) else { return nil }
            return try AttemptRecord.fetch(id: id, db)
        }
        guard let record else { throw notLoggedIn }
        return (record, tokenHash)
    }
}
