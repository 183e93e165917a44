import Foundation
import GRDB
import HTTPTypes
import KioskCore
import KioskHTTP
import KioskStorage

/// `POST /api/v1/login` and `POST /api/v1/logout`: a participant's ID and access code become a token
/// for their attempt at the session the server chooses for them.
struct ParticipantLogin {
    let services: Services
    let throttle: LoginThrottle
    let hasher = SecretHasher()
    func register(in router: inout Router) {
        router.post("/api/v1/login", waiting: login)
        router.post("/api/v1/logout", logout)
    }

    private struct Credentials: Decodable {
        var id: String
        var code: String
    }

    private func login(_ request: Request, _ reply: Reply) throws {
        let credentials = try request.decodeJSON(Credentials.self)
        let id = credentials.id.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, id.count <= 64, credentials.code.count <= 64 else { throw Self.invalidCredentials }
        if let wait = throttle.retryAfter(id: id, address: request.clientAddress) {
            throw LoginThrottle.tooManyAttempts(retryAfter: wait)
        }
        HashingQueue.answer(reply, services: services) {
            try checkLogin(id: id, code: credentials.code, address: request.clientAddress)
        }
    }

    private func checkLogin(id: String, code: String, address: String) throws -> Response {
        let participant = try services.database.pool.read { db in try ParticipantRecord.fetch(id: id, db) }
        let typed = AccessCode(typed: code)
        // Unknown IDs cost a hash too, so that timing does not tell which IDs exist.
        let verified = hasher.verify(typed ?? Self.unguessable, against: participant?.codeHash ?? Self.unusableHash)
        guard let participant, typed != nil, verified else {
            throttle.recordFailure(id: id, address: address)
            throw Self.invalidCredentials
        }
        throttle.recordSuccess(id: id)
        let now = services.clock.now
        let choice = try services.database.pool.read { db in
            try LoginSessionChoice.choose(for: participant.entry, sessions: ScheduledSession.all(db), now: now,
                                          timeZone: siteTimeZone(db), attempt: { sessionID in
                try AttemptRecord.fetch(participantID: participant.entry.id, sessionID: sessionID, db)
            })
        }
        guard let scheduled = choice, let instrumentID = scheduled.session.instrumentID else {
            throw APIError(
                .conflict, code: "no_session_today",
                message: "今天没有需要你作答的场次", messageEn: "There is no session for you to answer today")
        }
        let token = LoginToken.make()
        try services.database.pool.write { db in
            if try ParticipantMarks.fetch(participantID: participant.entry.id, sessionID: scheduled.session.id, db) != nil {
                throw Self.participantMarked
            }
            let attempt = try AttemptRecord.create(
                participantID: participant.entry.id, sessionID: scheduled.session.id, instrumentID: instrumentID, at: now, db)
            let state = attempt.timeline.state(at: now)
            if try AccessTokens.hasLiveToken(attemptID: attempt.id, db) {
                // Once answering, one machine at a time: a proctor's unlock lets another take over.
                guard attempt.timeline.openedAt == nil || (state != .open && state != .paused) else { throw Self.attemptLocked }
                try AccessTokens.revokeAll(attemptID: attempt.id, at: now, db)
            }
            try AccessTokens.store(hash: token.hash, attemptID: attempt.id, clientAddress: address, at: now, db)
        }
        var response = try Response.json(LoginReply(
            token: token.token,
            participant: .init(participant.entry),
            session: .init(scheduled)))
        response.headerFields[HTTPField.Name.setCookie] = ParticipantToken.setCookie(token.token)
        return response
    }

    private func siteTimeZone(_ db: Database) throws -> TimeZone {
        try String.fetchOne(db, sql: "SELECT time_zone FROM site WHERE id = 1").flatMap(TimeZone.init(identifier:)) ?? .current
    }

    private struct LoginReply: Encodable {
        struct Participant: Encodable {
            var id: String
            var name: String
            var role: String
            var grade: Int?
            var className: String?
            init(_ entry: RosterEntry) {
                id = entry.id
                name = entry.name
                role = entry.role.rawValue
                grade = entry.grade
                className = entry.className
            }
        }
        struct SessionInfo: Encodable {
            var id: String
            var title: LocalizedText
            var opensAt: Int64
            var closesAt: Int64?
            var durationMinutes: Int?
            init(_ scheduled: ScheduledSession) {
                id = scheduled.session.id
                title = scheduled.session.title
                opensAt = scheduled.window.start.millisecondsSince1970
                closesAt = scheduled.timeline.effectiveEnd?.millisecondsSince1970
                durationMinutes = scheduled.session.durationMinutes
            }
        }
        var token: String
        var participant: Participant
        var session: SessionInfo
    }

    /// Stands in for a code when the typed text cannot be one, so a failure costs the same time.
    private static let unguessable = AccessCode(typed: "000000000")!
    private static let unusableHash = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="

    static let invalidCredentials = APIError(
        .unauthorized, code: "invalid_credentials",
        message: "编号或访问码不正确，请对照登录条重新输入", messageEn: "The ID or access code is wrong: check the login slip")

    static let attemptLocked = APIError(
        .conflict, code: "attempt_locked",
        message: "你已在另一台电脑上作答，请举手请监测员解锁", messageEn: "You are answering on another computer: ask the proctor to unlock")

    static let participantMarked = APIError(
        .conflict, code: "participant_marked",
        message: "你已被标记为缺考或免测，如有误请举手告诉监测员",
        messageEn: "You are marked absent or excluded: if that is wrong, tell the proctor")


    private func logout(_ request: Request) throws -> Response {
        if let token = ParticipantToken.from(request) {
            try services.database.pool.write { db in
                try AccessTokens.revoke(hash: LoginToken.hash(token), at: services.clock.now, db)
            }
        }
        var response = Response(status: .noContent)
        response.headerFields[HTTPField.Name.setCookie] = ParticipantToken.clearCookie
        return response
    }
}
