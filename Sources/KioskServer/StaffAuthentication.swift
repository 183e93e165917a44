import Foundation
import HTTPTypes
import KioskCore
import KioskHTTP
import KioskStorage

/// Staff logins on requests: a ``LoginToken`` in the cookie `kiosk_staff` (never a participant's:
/// those are looked up in another table), the account's role, and for every change the CSRF token
/// of that login in `X-CSRF-Token`.
struct StaffAuthentication: Sendable {
    let services: Services

    static let cookieName = "kiosk_staff"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    /// A login lasts a working day.
    static let lifetime: TimeInterval = 12 * 60 * 60

    /// The request's live login, allowed to do what `role` may; for a change (`POST`, `PUT`,
    /// `DELETE`), only with the login's CSRF token.
    func login(of request: Request, atLeast role: StaffRole) throws -> StaffLogins.Login {
        guard let token = LoginToken.from(request, cookie: Self.cookieName) else { throw Self.notLoggedIn }
        let now = services.clock.now
        guard let login = try services.database.pool.read({ db in
            try StaffLogins.find(hash: LoginToken.hash(token), at: now, db)
        }) else { throw Self.notLoggedIn }
        if request.method != .get, request.method != .head {
            guard let sent = request.headerFields[Self.csrfHeader], Self.constantTimeEqual(sent, login.csrfToken) else {
                throw Self.csrfInvalid
            }
        }
        guard login.account.role >= role else { throw Self.forbidden(login.account.role) }
        return login
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static let notLoggedIn = APIError(
        .unauthorized, code: "staff_not_logged_in",
        message: "请先以工作人员身份登录", messageEn: "Log in with a staff account first")

    static let csrfInvalid = APIError(
        .forbidden, code: "csrf_token_invalid",
        message: "请求缺少有效的防伪令牌，请刷新页面后重试",
        messageEn: "The request lacks a valid CSRF token: reload the page and try again")

    static func forbidden(_ role: StaffRole) -> APIError {
        APIError(
            .forbidden, code: "forbidden_role",
            message: "\(role.chineseName)账号无权进行此操作", messageEn: "The \(role.rawValue) role may not do this")
    }
}
