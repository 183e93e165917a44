import Crypto
import Foundation
import HTTPTypes
import KioskHTTP

/// The bearer tokens of participants' and staff logins: 256 random bits, sent as an HttpOnly cookie
/// (or `Authorization: Bearer`), stored only as their SHA-256.
enum LoginToken {
    /// A new token and the hash to store.
    static func make() -> (token: String, hash: String) {
        let token = randomString()
        return (token, hash(token))
    }

    /// 256 random bits as URL-safe base64 without padding.
    static func randomString() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The SHA-256 of the token's UTF-8, in hexadecimal: what the database keeps.
    static func hash(_ token: String) -> String {
        var hasher = SHA256()
        var token = token
        token.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return hasher.finalize().hexadecimal
    }

    /// The token a request carries: `Authorization: Bearer` first, else the named cookie; nil when
    /// absent or longer than any token could be.
    static func from(_ request: Request, cookie cookieName: String) -> String? {
        let token = bearer(of: request) ?? cookie(cookieName, of: request)
        return token.flatMap { $0.count <= 128 ? $0 : nil }
    }

    private static func bearer(of request: Request) -> String? {
        guard let authorization = request.soleValue(of: .authorization), authorization.hasPrefix("Bearer ") else { return nil }
        // Spaces and tabs around the token are not part of it (RFC 9110's optional whitespace).
        let value = authorization.utf8.dropFirst("Bearer ".count)
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = value.firstIndex(where: { !isBlank($0) }), let last = value.lastIndex(where: { !isBlank($0) }) else {
            return nil
        }
        return String(decoding: value[first...last], as: UTF8.self)
    }

    private static func cookie(_ name: String, of request: Request) -> String? {
        for cookie in request.headerFields[values: .cookie] {
            for pair in cookie.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == name, !parts[1].isEmpty { return parts[1] }
            }
        }
        return nil
    }

    static func setCookie(_ name: String, _ token: String) -> String {
        "\(name)=\(token); Path=/; HttpOnly; SameSite=Strict"
    }

    static func clearCookie(_ name: String) -> String {
        "\(name)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
    }
}
