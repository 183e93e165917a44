import Foundation
import GRDB
import KioskCore
import KioskHTTP
import KioskStorage

/// A proctor unseals a session's sealed instrument with the day's key.
///
/// scrypt runs on the ``HashingQueue``; the plaintext goes only into the ``InstrumentCatalog``'s
/// memory; the key is neither stored nor logged nor audited. Wrong keys are throttled as logins
/// are (5 per proctor, 30 per address in 15 minutes) and each is audited.
struct SealRoutes {
    let services: Services
    let authentication: StaffAuthentication
    let catalog: InstrumentCatalog
    let throttle: LoginThrottle

    func register(in router: inout Router) {
        router.post("/api/v1/staff/sessions/:session/unseal", waiting: unseal)
    }

    private struct Body: Decodable {
        var key: String
    }

    private func unseal(_ request: Request, _ reply: Reply) throws {
        let login = try authentication.login(of: request, atLeast: .proctor)
        let typed = try request.decodeJSON(Body.self).key
        let sessionID = request.parameter("session") ?? ""
        let address = request.clientAddress
        let staffName = login.account.name
        if let wait = throttle.retryAfter(id: staffName, address: address) {
            throw LoginThrottle.tooManyAttempts(retryAfter: wait)
        }
        let sealed = try services.database.pool.read { db -> SealedInstrument? in
            guard let scheduled = try ScheduledSession.fetch(id: sessionID, db) else { throw ProctorErrors.sessionNotFound }
            guard let instrumentID = scheduled.session.instrumentID else { throw ProctorRefusal.notDelivered.apiError }
            guard let fingerprint = try String.fetchOne(db, sql: "SELECT hash FROM instrument WHERE id = ?", arguments: [instrumentID])
            else { throw ProctorRefusal.notDelivered.apiError }
            return try InstalledBundle.sealedInstrument(fingerprint: fingerprint, db)
        }
        guard let sealed else { throw Self.notSealed }
        if catalog.isUnsealed(fingerprint: sealed.instrument.fingerprint) {
            reply(try view(sessionID))
            return
        }
        guard let key = DayKey(typed: typed) else {
            throttle.recordFailure(id: staffName, address: address)
            throw Self.keyMalformed
        }
        HashingQueue.answer(reply, services: services) {
            do throws(InstrumentSeal.Failure) {
                try catalog.unseal(sealed, key: key)
            } catch {
                throttle.recordFailure(id: staffName, address: address)
                try audit(staffName, "instrument.unseal_failed", sealed, sessionID: sessionID, address: address,
                          outcome: error == .wrongKey ? "wrong_key" : "content_mismatch")
                throw error == .wrongKey ? Self.keyWrong : Self.contentMismatch
            }
            throttle.recordSuccess(id: staffName)
            try audit(staffName, "instrument.unseal", sealed, sessionID: sessionID, address: address, outcome: "unsealed")
            services.logger.info("instrument unsealed", metadata: ["instrument": "\(sealed.instrument.id)", "by": "\(staffName)"])
            return try view(sessionID)
        }
    }

    /// The session as it now stands.
    private func view(_ sessionID: String) throws -> Response {
        let now = services.clock.now
        let view = try services.database.pool.read { db in
            try ConsoleSnapshot.read(sessionID: sessionID, db)?.view(at: now, catalog: catalog)
        }
        guard let view else { throw ProctorErrors.sessionNotFound }
        return try .json(view)
    }

    /// One audit line: who tried which instrument for which session, and how it went; never the key.
    private func audit(
        _ staffName: String, _ action: String, _ sealed: SealedInstrument, sessionID: String, address: String, outcome: String
    ) throws {
        let now = services.clock.now
        try services.database.pool.write { db in
            try AuditEntry.record(
                at: now, actor: staffName, action: action, subject: sealed.instrument.id,
                detail: ["session": sessionID, "fingerprint": sealed.instrument.fingerprint, "address": address, "outcome": outcome],
                db)
        }
    }

    static let keyWrong = APIError(
        .unprocessableContent, code: "seal_key_wrong",
        message: "当日密钥不正确，问卷未能解密；请核对后重新输入",
        messageEn: "The day's key is wrong: the questionnaire did not unseal. Check it and type it again")

    static let keyMalformed = APIError(
        .unprocessableContent, code: "seal_key_malformed",
        message: "当日密钥应为 20 个字符（每 4 个一组，如 K7RM-X4PT-9ACD-EFGH-JKMN）",
        messageEn: "The day's key has 20 characters in groups of four, like K7RM-X4PT-9ACD-EFGH-JKMN")

    static let contentMismatch = APIError(
        .unprocessableContent, code: "seal_content_mismatch",
        message: "问卷已解密，但内容与其指纹不符，未被使用；请联系监测中心",
        messageEn: "The questionnaire unsealed, but its content does not match its fingerprint and was not used: contact the monitoring centre")

    static let notSealed = APIError(
        .conflict, code: "instrument_not_sealed",
        message: "该场次的问卷没有加密，无需密钥", messageEn: "This session's questionnaire is not sealed: no key is needed")

    static let keyRequired = APIError(
        .conflict, code: "seal_key_required",
        message: "该场次的问卷已加密：请先输入当日密钥", messageEn: "This session's questionnaire is sealed: enter the day's key first")
}
