import Foundation
import GRDB
import KioskCore
import KioskHTTP
import KioskStorage

/// A session's live roster, and a proctor's rescue of one participant: extra time, unlock to
/// another machine, absent and excluded marks. Every change is audited, with its reason.
struct RosterRoutes {
    let services: Services
    let authentication: StaffAuthentication
    let catalog: InstrumentCatalog

    static let extraMinutesRange = 1...240

    func register(in router: inout Router) {
        router.get("/api/v1/staff/sessions/:session/roster", roster)
        let participant = "/api/v1/staff/sessions/:session/participants/:participant"
        router.post(participant + "/extra-time", waiting: extraTime)
        router.post(participant + "/unlock", waiting: unlock)
        router.put(participant + "/mark", waiting: mark)
        router.delete(participant + "/mark", waiting: clearMark)
    }

    private struct RosterReply: Encodable {
        var serverTime: Int64
        var session: SessionView
        var participants: [RosterRow]
    }

    private func roster(_ request: Request) throws -> Response {
        _ = try authentication.login(of: request, atLeast: .inspector)
        let now = services.clock.now
        let snapshot = try services.database.pool.read { db in
            try ConsoleSnapshot.read(sessionID: request.parameter("session") ?? "", db)
        }
        guard let snapshot else { throw ProctorErrors.sessionNotFound }
        return try .json(RosterReply(
            serverTime: now.millisecondsSince1970, session: snapshot.view(at: now, catalog: catalog),
            participants: snapshot.rows(at: now, catalog: catalog)))
    }

    // MARK: - Changes

    private struct ExtraTimeBody: Decodable {
        var minutes: Int
        var reason: String?
    }

    private func extraTime(_ request: Request, _ reply: Reply) throws {
        let body = try request.decodeJSON(ExtraTimeBody.self)
        guard Self.extraMinutesRange.contains(body.minutes) else {
            throw ProctorErrors.invalid(
                "invalid_minutes", "延长时间须为 1 到 240 分钟", "Extra time is 1 to 240 minutes")
        }
        guard let reason = try StaffReason.checked(body.reason) else { throw ProctorErrors.reasonRequired }
        try change(request, reply, action: "participant.extra_time", reason: reason,
                   detail: ["minutes": "\(body.minutes)"]) { target, now, db in
            guard let attempt = target.attempt else { throw ProctorErrors.participantNotLoggedIn }
            if attempt.timeline.submittedAt != nil { throw ProctorErrors.attemptFinished }
            if target.session.timeline.state(at: now) == .ended { throw ProctorRefusal.ended }
            try AttemptRecord.addTime(id: attempt.id, extra: TimeInterval(body.minutes * 60), at: now, db)
        }
    }

    private func unlock(_ request: Request, _ reply: Reply) throws {
        try change(request, reply, action: "participant.unlock", reason: try StaffReason.of(request)) { target, now, db in
            guard let attempt = target.attempt else { throw ProctorErrors.participantNotLoggedIn }
            if attempt.timeline.submittedAt != nil { throw ProctorErrors.attemptFinished }
            try AccessTokens.revokeAll(attemptID: attempt.id, at: now, db)
        }
    }

    private struct MarkBody: Decodable {
        var kind: ParticipantMark.Kind
        var reason: String
        var note: String?
    }

    private func mark(_ request: Request, _ reply: Reply) throws {
        let body = try request.decodeJSON(MarkBody.self)
        guard let mark = ParticipantMark(kind: body.kind, reason: body.reason, note: body.note) else {
            let codes = ParticipantMark.reasons(for: body.kind).map(\.code).joined(separator: ", ")
            throw ProctorErrors.invalid(
                "invalid_mark", "原因须为 \(codes) 之一；选“其他”时须填写说明（最多 \(ParticipantMark.maxNoteLength) 字）",
                "The reason is one of \(codes); `other` needs a note (at most \(ParticipantMark.maxNoteLength) characters)")
        }
        var detail = ["kind": mark.kind.rawValue, "reason": mark.reason]
        detail["note"] = mark.note
        try change(request, reply, action: "participant.mark", reason: mark.note, detail: detail) { target, now, db in
            if let attempt = target.attempt {
                if attempt.timeline.openedAt != nil { throw ProctorErrors.attemptStarted }
                try AccessTokens.revokeAll(attemptID: attempt.id, at: now, db)
            }
            try ParticipantMarks.set(
                mark, participantID: target.participant.id, sessionID: target.session.session.id,
                by: target.staffName, at: now, db)
        }
    }

    private func clearMark(_ request: Request, _ reply: Reply) throws {
        try change(request, reply, action: "participant.clear_mark", reason: nil) { target, _, db in
            try ParticipantMarks.clear(participantID: target.participant.id, sessionID: target.session.session.id, db)
        }
    }

    /// The participant and session a change is about, as they stand in the writer's transaction.
    private struct Target {
        var session: ScheduledSession
        var participant: RosterEntry
        var attempt: AttemptRecord?
        var staffName: String
    }

    /// Applies one change to a participant of a session in the writer, on the clock's time at
    /// commit, audits it, and replies with the participant's roster row as it now stands.
    private func change(
        _ request: Request, _ reply: Reply, action: String, reason: String?, detail: [String: String] = [:],
        _ apply: @escaping @Sendable (Target, Date, Database) throws -> Void
    ) throws {
        let login = try authentication.login(of: request, atLeast: .proctor)
        let sessionID = request.parameter("session") ?? ""
        let participantID = request.parameter("participant") ?? ""
        let clock = services.clock
        let catalog = catalog
        services.commitChange({ db -> String in
            guard let session = try ScheduledSession.fetch(id: sessionID, db) else { throw ProctorErrors.sessionNotFound }
            guard let participant = try ParticipantRecord.fetch(id: participantID, db)?.entry,
                  session.session.audience.includes(participant) else { throw ProctorErrors.participantNotFound }
            let now = clock.now
            let attempt = try AttemptRecord.fetch(participantID: participant.id, sessionID: session.session.id, db)
            try apply(Target(session: session, participant: participant, attempt: attempt, staffName: login.account.name), now, db)
            var detail = detail
            detail["session"] = session.session.id
            try AuditEntry.record(
                at: now, actor: login.account.name, action: action, subject: participant.id, detail: detail,
                reason: reason, db)
            return participant.id
        }, reply: reply) { [services] participantID in
            // Read after the commit (the catalog reads too): the row as everyone now sees it.
            let now = clock.now
            let snapshot = try services.database.pool.read { db in try ConsoleSnapshot.read(sessionID: sessionID, db) }
            guard let row = snapshot?.rows(at: now, catalog: catalog).first(where: { $0.id == participantID }) else {
                throw ProctorErrors.participantNotFound
            }
            return try .json(row)
        }
    }
}
