import Crypto
import Foundation
import HTTPTypes
import KioskHTTP
import KioskStorage

/// Participants' tokens: 256 random bits, sent as an HttpOnly cookie (or `Authorization: Bearer`),
/// stored only as their SHA-256.
enum ParticipantToken {
    static let cookieName = "kiosk_token"

    /// A new token and the hash to store.
    static func make() -> (token: String, hash: String) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return (token, hash(token))
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexadecimal
    }

    /// The token a request carries: `Authorization: Bearer` first, else the cookie.
    static func from(_ request: Request) -> String? {
        if let authorization = request.headerFields[.authorization], authorization.hasPrefix("Bearer ") {
            let token = authorization.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
            return token.isEmpty ? nil : token
        }
        for cookie in request.headerFields[values: .cookie] {
            for pair in cookie.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == cookieName, !parts[1].isEmpty { return parts[1] }
            }
        }
        return nil
    }

    static func setCookie(_ token: String) -> String {
        "\(cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict"
    }

    static let clearCookie = "\(cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"

    static let notLoggedIn = APIError(
        .unauthorized, code: "not_logged_in",
        message: "尚未登录或登录已失效，请重新登录", messageEn: "Not logged in, or the login has ended: log in again")

    /// The attempt of the request's live token, or `not_logged_in`.
    static func attempt(of request: Request, in database: KioskDatabase) throws -> (record: AttemptRecord, tokenHash: String) {
        guard let token = from(request), token.count <= 128 else { throw notLoggedIn }
        let tokenHash = hash(token)
        let record = try database.pool.read { db -> AttemptRecord? in
            guard let id = try AccessTokens.attemptID(forHash: tokenHash, db) else { return nil }
            return try AttemptRecord.fetch(id: id, db)
        }
        guard let record else { throw notLoggedIn }
        return (record, tokenHash)
    }
}
