import Foundation
import HTTPTypes
import KioskCore
import KioskHTTP
import KioskStorage

/// The participant's attempt: read it, save answers, submit.
///
/// The server decides every time: the state and the time left come from the server's clock and
/// the deadline fixed when the instrument was first served; the browser only shows them.
struct AttemptRoutes {
    let services: Services
    let catalog: InstrumentCatalog
    let attempts: AttemptCache
    static let maxAnswersPerRequest = 500

    func register(in router: inout Router) {
        router.add(.get, "/api/v1/attempt", waiting: attempt)
        router.get("/api/v1/attempt/status", status)
        router.put("/api/v1/attempt/answers", waiting: saveAnswers)
        router.post("/api/v1/attempt/submit", waiting: submit)
    }

    // MARK: - Reading

    private struct AttemptReply: Encodable {
        var state: AttemptState
        var serverTime: Int64
        var remainingMs: Int64?
        var opensAt: Int64
        var answers: [String: AnswerValue]
        var position: Int
        var ackSeq: Int64
        /// True while the session is open but its sealed instrument waits for the day's key.
        var locked: Bool?
    }

    private func attempt(_ request: Request, _ reply: Reply) throws {
        let record = try ParticipantToken.attempt(of: request, in: services.database)
        let now = services.clock.now
        if record.timeline.state(at: now) == .open, record.timeline.openedAt == nil, try unlocked(record) {
            // The first look at an open session fixes the deadline, on disk before it is shown. Two
            // first looks at once both try; the first write wins and both show what was stored.
            let deadline = record.timeline.deadline(openingAt: now)
            services.writer.submit({ db -> AttemptRecord? in
                try AttemptRecord.open(id: record.id, at: now, deadline: deadline, db)
                return try AttemptRecord.fetch(id: record.id, db)
            }) { result in
                switch result {
                case .success(let opened?): reply(describe(opened, now: now))
                case .success(nil): reply(ParticipantToken.notLoggedIn)
                case .failure(let error): reply(StorageFailure.apiError(for: error, logger: services.logger))
                }
            }
            return
        }
        reply(describe(record, now: now))
    }

    private struct StatusReply: Encodable {
        var state: AttemptState
        var serverTime: Int64
        var remainingMs: Int64?
        var ackSeq: Int64
        var locked: Bool?
    }

    /// Whether the attempt's instrument is at hand: in the clear, or sealed and unsealed since the
    /// server started. A sealed one is locked again after every restart.
    private func unlocked(_ record: AttemptRecord) throws -> Bool {
        if catalog.isUnsealed(fingerprint: record.instrumentHash) { return true }
        return try services.database.pool.read { db in try catalog.isUnlocked(fingerprint: record.instrumentHash, db) }
    }

    /// The state the participant is shown: an open session whose instrument is still sealed is
    /// waiting, for the proctor's key.
    private func shownState(_ record: AttemptRecord, at now: Date) throws -> (state: AttemptState, locked: Bool?) {
        let state = record.timeline.state(at: now)
        guard state == .open, try !unlocked(record) else { return (state, nil) }
        return (.waiting, true)
    }

    /// The state and the time left, without the instrument or the answers: cheap enough to ask
    /// every few seconds, so a pause, a resume or extra time shows at once.
    private func status(_ request: Request) throws -> Response {
        let record = try ParticipantToken.attempt(of: request, in: services.database)
        let now = services.clock.now
        let ackSeq = try services.database.pool.read { db in try AnswerStore.highestSeq(attemptID: record.id, db) }
        let shown = try shownState(record, at: now)
        return try .json(StatusReply(
            state: shown.state, serverTime: now.millisecondsSince1970,
            remainingMs: record.timeline.remainingMilliseconds(at: now), ackSeq: ackSeq, locked: shown.locked))
    }

    private func describe(_ record: AttemptRecord, now: Date) -> Response {
        let timeline = record.timeline
        do {
            let (state, locked) = try shownState(record, at: now)
            let (answers, ackSeq) = try services.database.pool.read { db in
                (try AnswerStore.answers(attemptID: record.id, db), try AnswerStore.highestSeq(attemptID: record.id, db))
            }
            var response = try Response.json(AttemptReply(
                state: state, serverTime: now.millisecondsSince1970, remainingMs: timeline.remainingMilliseconds(at: now),
                opensAt: timeline.session.window.start.millisecondsSince1970, answers: answers, position: record.position,
                ackSeq: ackSeq, locked: locked))
            if state == .open {
                // Questionnaire content goes out only here: to this participant, while open.
                let instrument = try catalog.instrument(fingerprint: record.instrumentHash)
                response.body = Array("{\"instrument\":".utf8) + instrument.json + [UInt8(ascii: ",")] + response.body.dropFirst()
            }
            return response
        } catch {
            return Response(error: StorageFailure.apiError(for: error, logger: services.logger))
        }
    }

    // MARK: - Saving answers

    /// The reply to an accepted save, written by hand: it is sent for every autosave, and from the
    /// writer's thread, where every microsecond delays the next commit.
    private static func accepted(ackSeq: Int64, remainingMs: Int64?, serverTime: Int64) -> Response {
        let remaining = remainingMs.map { "\"remainingMs\":\($0)," } ?? ""
        return .json(encoded: Array("{\"ackSeq\":\(ackSeq),\(remaining)\"serverTime\":\(serverTime),\"state\":\"open\"}".utf8))
    }

    private struct RefusedAnswers: Encodable {
        struct Detail: Encodable {
            var code = "invalid_answers"
            var message = "有答案未被接受"
            var messageEn = "Some answers were not accepted"
            var items: [Item]
        }
        struct Item: Encodable {
            var item: String
            var seq: Int64
            var code: String
            var message: String
            var messageEn: String
        }
        var error: Detail
    }

    private func saveAnswers(_ request: Request, _ reply: Reply) throws {
        guard let token = ParticipantToken.from(request) else { throw ParticipantToken.notLoggedIn }
        let body = try AnswersRequest(of: request)
        guard body.answers.count <= Self.maxAnswersPerRequest, body.answers.allSatisfy({ $0.seq > 0 && $0.item.count <= 64 }),
              (body.position ?? 0) >= 0 else {
            throw APIError(
                .unprocessableContent, code: "invalid_batch",
                message: "一次最多保存 \(Self.maxAnswersPerRequest) 个答案，序号须为正整数",
                messageEn: "At most \(Self.maxAnswersPerRequest) answers at once, each with a positive seq")
        }
        let answers = body.answers.map { SubmittedAnswer(variable: $0.item, value: $0.value, seq: $0.seq) }
        let ackSeq = answers.reduce(0) { max($0, $1.seq) }
        // Usually from memory: the database is read only for a token not seen since the last change
        // to attempts, sessions or tokens. The writer asks the database again at commit.
        let tokenHash = LoginToken.hash(token)
        let record = try attempts.attempt(tokenHash: tokenHash) {
            try services.database.pool.read { db in try ParticipantToken.attempt(ofTokenHash: tokenHash, db) }
        }
        let now = services.clock.now
        let state = record.timeline.state(at: now)
        guard state == .open, record.timeline.openedAt != nil else { throw Self.notOpen(state) }
        let instrument = try catalog.instrument(fingerprint: record.instrumentHash)
        // Only the stored answers the batch's skip rules read: most answers have no rule, and need no
        // read. One SELECT is consistent by itself, so it runs without a transaction around it.
        let inputs = instrument.ruleInputs(of: answers.map { $0.variable })
        let stored = inputs.isEmpty ? [:] : try services.database.pool.unsafeRead { db in
            try AnswerStore.answers(attemptID: record.id, variables: inputs, db)
        }
        var problems = AnswerBatch(instrument: instrument).problems(of: answers, given: stored)
        if !problems.isEmpty {
            // An answer already stored (a batch sent again) stays acknowledged, whatever its rule says now.
            let seen = try services.database.pool.read { db in
                try AnswerStore.seenSeqs(attemptID: record.id, among: problems.map { answers[$0.index].seq }, db)
            }
            problems.removeAll { seen.contains(answers[$0.index].seq) }
        }
        guard problems.isEmpty else {
            let items = problems.map { index, problem in
                RefusedAnswers.Item(item: answers[index].variable, seq: answers[index].seq, code: problem.code,
                                    message: problem.message, messageEn: problem.messageEn)
            }
            reply(try Response.json(RefusedAnswers(error: .init(items: items)), status: .unprocessableContent))
            return
        }
        let accepted = Self.accepted(
            ackSeq: ackSeq, remainingMs: record.timeline.remainingMilliseconds(at: now), serverTime: now.millisecondsSince1970)
        guard !answers.isEmpty || body.position != nil else {
            reply(accepted)
            return
        }
        let autosave = Autosave(
            answers, attemptID: record.id, tokenHash: tokenHash, position: body.position,
            clientTime: body.clientTime.map(Date.init(millisecondsSince1970:)), at: now)
        let clock = services.clock
        services.writer.submit({ db in
            // Checked again at commit: the deadline may have passed, a proctor paused the room, or
            // the login was ended (submitted, unlocked to another machine) while the batch waited.
            let commitTime = clock.now
            let saved = try autosave.store(checkedAt: commitTime, db)
            guard saved else {
                let state = try AttemptRecord.fetch(id: record.id, db)?.timeline.state(at: commitTime) ?? .closed
                throw state == .open ? ParticipantToken.notLoggedIn : Self.notOpen(state)
            }
        }) { result in
            switch result {
            case .success: reply(accepted)
            case .failure(let refusal as APIError): reply(refusal)
            case .failure(let error): reply(StorageFailure.apiError(for: error, logger: services.logger))
            }
        }
    }

    static func notOpen(_ state: AttemptState) -> APIError {
        APIError(
            .conflict, code: "attempt_not_open",
            message: "本场次当前不接受作答（\(state.rawValue)）", messageEn: "The attempt is not open for answers (\(state.rawValue))")
    }

    // MARK: - Submitting

    private struct SubmitReply: Encodable {
        var state: AttemptState
    }

    private func submit(_ request: Request, _ reply: Reply) throws {
        let record = try ParticipantToken.attempt(of: request, in: services.database)
        let now = services.clock.now
        let state = record.timeline.state(at: now)
        guard state == .open else { throw Self.notOpen(state) }
        // Nobody hands in a questionnaire they cannot see: a sealed one waits for the key.
        guard try unlocked(record) else { throw InstrumentCatalog.locked }
        services.writer.submit({ db in
            try AttemptRecord.submit(id: record.id, at: now, db)
            try AccessTokens.revokeAll(attemptID: record.id, at: now, db)
        }) { result in
            switch result {
            case .success:
                var response = (try? Response.json(SubmitReply(state: .submitted))) ?? Response(error: .internalError)
                response.headerFields[HTTPField.Name.setCookie] = ParticipantToken.clearCookie
                reply(response)
            case .failure(let error):
                reply(StorageFailure.apiError(for: error, logger: services.logger))
            }
        }
    }
}
