import Foundation
import HTTPTypes
import KioskCore
import KioskHTTP
import KioskStorage

/// `POST /api/v1/staff/login`, `GET /api/v1/staff/me`, `POST /api/v1/staff/logout`: a staff name and
/// password become a login with a CSRF token.
struct StaffLogin {
    let services: Services
    let authentication: StaffAuthentication
    let throttle: LoginThrottle
    let hasher = SecretHasher()

    func register(in router: inout Router) {
        router.post("/api/v1/staff/login", waiting: login)
        router.get("/api/v1/staff/me", me)
        router.post("/api/v1/staff/logout", logout)
    }

    private struct Credentials: Decodable {
        var name: String
        var password: String
    }

    struct LoginReply: Encodable {
        struct Staff: Encodable {
            var name: String
            var role: StaffRole
        }
        var staff: Staff
        var csrfToken: String
        var serverTime: Int64

        init(_ login: StaffLogins.Login, now: Date) {
            staff = Staff(name: login.account.name, role: login.account.role)
            csrfToken = login.csrfToken
            serverTime = now.millisecondsSince1970
        }
    }

    private func login(_ request: Request, _ reply: Reply) throws {
        let credentials = try request.decodeJSON(Credentials.self)
        let name = credentials.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64, credentials.password.count <= 256 else { throw Self.invalidCredentials }
        if let wait = throttle.retryAfter(id: name, address: request.clientAddress) {
            throw LoginThrottle.tooManyAttempts(retryAfter: wait)
        }
        HashingQueue.answer(reply, services: services) {
            try checkLogin(name: name, password: credentials.password, address: request.clientAddress)
        }
    }

    private func checkLogin(name: String, password: String, address: String) throws -> Response {
        let account = try services.database.pool.read { db in try StaffAccount.fetch(name: name, db) }
        // Unknown names cost a hash too, so that timing does not tell which accounts exist.
        let verified = hasher.verify(secret: password, against: account?.passwordHash ?? Self.unusableHash)
        guard let account, account.disabledAt == nil, verified else {
            throttle.recordFailure(id: name, address: address)
            throw Self.invalidCredentials
        }
        throttle.recordSuccess(id: name)
        let now = services.clock.now
        let token = LoginToken.make()
        let login = StaffLogins.Login(account: account, csrfToken: LoginToken.randomString())
        try services.database.pool.write { db in
            try StaffLogins.store(
                hash: token.hash, staffName: account.name, csrfToken: login.csrfToken, clientAddress: address, at: now,
                expiresAt: now.addingTimeInterval(StaffAuthentication.lifetime), db)
            try AuditEntry.record(
                at: now, actor: account.name, action: "staff.login", subject: account.name,
                detail: ["address": address, "role": account.role.rawValue], db)
        }
        var response = try Response.json(LoginReply(login, now: now))
        response.headerFields[HTTPField.Name.setCookie] = LoginToken.setCookie(StaffAuthentication.cookieName, token.token)
        return response
    }

    private func me(_ request: Request) throws -> Response {
        let login = try authentication.login(of: request, atLeast: .inspector)
        return try Response.json(LoginReply(login, now: services.clock.now))
    }

    private func logout(_ request: Request) throws -> Response {
        let login = try authentication.login(of: request, atLeast: .inspector)
        let now = services.clock.now
        if let token = LoginToken.from(request, cookie: StaffAuthentication.cookieName) {
            try services.database.pool.write { db in
                try StaffLogins.revoke(hash: LoginToken.hash(token), at: now, db)
                try AuditEntry.record(
                    at: now, actor: login.account.name, action: "staff.logout", subject: login.account.name, detail: [:], db)
            }
        }
        var response = Response(status: .noContent)
        response.headerFields[HTTPField.Name.setCookie] = LoginToken.clearCookie(StaffAuthentication.cookieName)
        return response
    }

    private static let unusableHash = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="

    static let invalidCredentials = APIError(
        .unauthorized, code: "invalid_staff_credentials",
        message: "账号或密码不正确", messageEn: "The name or password is wrong")
}
