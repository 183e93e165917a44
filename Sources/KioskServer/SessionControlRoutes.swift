import Foundation
import GRDB
import KioskCore
import KioskHTTP
import KioskStorage

/// The day plan, and a proctor's start, pause, resume and end of a session. Every change is
/// audited, with its reason.
struct SessionControlRoutes {
    let services: Services
    let authentication: StaffAuthentication
    let catalog: InstrumentCatalog

    func register(in router: inout Router) {
        router.get("/api/v1/staff/day", day)
        router.post("/api/v1/staff/sessions/:session/start", waiting: start)
        router.post("/api/v1/staff/sessions/:session/pause", waiting: pause)
        router.post("/api/v1/staff/sessions/:session/resume", waiting: resume)
        router.post("/api/v1/staff/sessions/:session/end", waiting: end)
    }

    private struct DayReply: Encodable {
        struct Site: Encodable {
            var code: String
            var name: LocalizedText
            var timeZone: String
        }
        var serverTime: Int64
        var site: Site?
        var sessions: [SessionView]
    }

    private func day(_ request: Request) throws -> Response {
        _ = try authentication.login(of: request, atLeast: .inspector)
        let now = services.clock.now
        let (site, sessions) = try services.database.pool.read { db in
            let site = try InstalledBundle.site(db)
            let sessions = try ScheduledSession.all(db).map { try ConsoleSnapshot(scheduled: $0, db).view(at: now, catalog: catalog) }
            return (site, sessions)
        }
        return try .json(DayReply(
            serverTime: now.millisecondsSince1970,
            site: site.map { DayReply.Site(code: $0.site.code, name: $0.site.name, timeZone: $0.timeZone.identifier) },
            sessions: sessions))
    }

    private func start(_ request: Request, _ reply: Reply) throws {
        let reason = try StaffReason.of(request)
        let catalog = catalog
        try change(request, reply, action: "session.start", reason: reason) { scheduled, now, db in
            let control = try scheduled.timeline.starting(at: now, hasReason: reason != nil)
            // A sealed instrument opens with the day's key first (POST .../unseal): a session must
            // not open on content nobody can be shown.
            if let id = scheduled.session.instrumentID,
               let fingerprint = try String.fetchOne(db, sql: "SELECT hash FROM instrument WHERE id = ?", arguments: [id]),
               try !catalog.isUnlocked(fingerprint: fingerprint, db) {
                throw SealRoutes.keyRequired
            }
            return control
        }
    }

    private func pause(_ request: Request, _ reply: Reply) throws {
        try change(request, reply, action: "session.pause", reason: try StaffReason.of(request)) { scheduled, now, _ in
            try scheduled.timeline.pausing(at: now)
        }
    }

    private func resume(_ request: Request, _ reply: Reply) throws {
        try change(request, reply, action: "session.resume", reason: try StaffReason.of(request)) { scheduled, now, db in
            let (control, pause) = try scheduled.timeline.resuming(at: now)
            try AttemptRecord.moveDeadlines(sessionID: scheduled.session.id, by: pause, db)
            return control
        }
    }

    private func end(_ request: Request, _ reply: Reply) throws {
        guard let reason = try StaffReason.of(request) else { throw ProctorErrors.reasonRequired }
        try change(request, reply, action: "session.end", reason: reason) { scheduled, now, db in
            let control = try scheduled.timeline.ending(at: now)
            try AttemptRecord.closeOpen(sessionID: scheduled.session.id, at: now, db)
            return control
        }
    }

    /// Applies one change to the session's control in the writer, on the clock's time at commit,
    /// audits it, and replies with the session as it now stands.
    private func change(
        _ request: Request, _ reply: Reply, action: String, reason: String?,
        _ apply: @escaping @Sendable (ScheduledSession, Date, Database) throws -> SessionControl
    ) throws {
        let login = try authentication.login(of: request, atLeast: .proctor)
        let sessionID = request.parameter("session") ?? ""
        let clock = services.clock
        services.commitChange({ db -> SessionView in
            guard let scheduled = try ScheduledSession.fetch(id: sessionID, db) else { throw ProctorErrors.sessionNotFound }
            let now = clock.now
            let before = scheduled.timeline.state(at: now)
            let control = try apply(scheduled, now, db)
            try ScheduledSession.save(control, sessionID: sessionID, db)
            var changed = scheduled
            changed.timeline.control = control
            let after = changed.timeline.state(at: now)
            try AuditEntry.record(
                at: now, actor: login.account.name, action: action, subject: sessionID,
                detail: ["from": before.rawValue, "to": after.rawValue], reason: reason, db)
            return try ConsoleSnapshot(scheduled: changed, db).view(at: now, catalog: catalog)
        }, reply: reply) { view in try .json(view) }
    }
}
