import Foundation
import KioskCore
import KioskHTTP
import KioskStorage

/// What inspectors and proctors read after (or during) a session: the completion report
/// (测试完成情况), the lab's readiness, and the audit log.
struct ReportRoutes {
    let services: Services
    let authentication: StaffAuthentication

    static let defaultAuditLimit = 200
    static let maxAuditLimit = 5000

    func register(in router: inout Router) {
        router.get("/api/v1/staff/sessions/:session/report", completionReport)
        router.get("/api/v1/staff/lab-checks", labChecks)
        router.get("/api/v1/staff/audit", audit)
    }

    private struct CompletionReport: Encodable {
        struct Participant: Encodable {
            var id: String
            var name: String
            var grade: Int?
            var className: String?
            var status: RosterStatus
            var reason: String?
            var note: String?
        }
        struct Site: Encodable {
            var code: String
            var name: LocalizedText
            var timeZone: String
        }
        var generatedAt: Int64
        var site: Site?
        var session: SessionView
        var counts: CompletionCounts
        var participants: [Participant]
        var incidents: [IncidentRoutes.IncidentView]
    }

    private func completionReport(_ request: Request) throws -> Response {
        _ = try authentication.login(of: request, atLeast: .inspector)
        let sessionID = request.parameter("session") ?? ""
        let now = services.clock.now
        let read = try services.database.pool.read { db in
            try ConsoleSnapshot.read(sessionID: sessionID, db).map { snapshot in
                (snapshot, try InstalledBundle.site(db), try IncidentRecord.all(sessionID: sessionID, db))
            }
        }
        guard let (snapshot, site, incidents) = read else { throw ProctorErrors.sessionNotFound }
        let statuses = snapshot.statuses(at: now)
        let participants = zip(snapshot.lines, statuses).map { line, status in
            CompletionReport.Participant(
                id: line.participant.id, name: line.participant.name, grade: line.participant.grade,
                className: line.participant.className, status: status, reason: line.mark?.mark.reason,
                note: line.mark?.mark.note)
        }
        return try .json(CompletionReport(
            generatedAt: now.millisecondsSince1970,
            site: site.map { CompletionReport.Site(code: $0.site.code, name: $0.site.name, timeZone: $0.timeZone.identifier) },
            session: SessionView(snapshot.scheduled, statuses: statuses, now: now),
            counts: CompletionCounts(participants.map { ($0.status, $0.reason) }),
            participants: participants, incidents: incidents.map(IncidentRoutes.IncidentView.init)))
    }

    private struct LabChecksReply: Encodable {
        struct Machine: Encodable {
            var machine: String
            var clientAddress: String
            var userAgent: String
            var screenWidth: Int
            var screenHeight: Int
            var clockOffsetMs: Int
            var roundTripMs: Int
            var storageWorks: Bool
            var passed: Bool
            var problems: [String]
            var receivedAt: Int64
        }
        var machines: [Machine]
    }

    private func labChecks(_ request: Request) throws -> Response {
        _ = try authentication.login(of: request, atLeast: .inspector)
        let checks = try services.database.pool.read(LabCheckRecord.latestPerMachine)
        return try .json(LabChecksReply(machines: checks.map { check in
            LabChecksReply.Machine(
                machine: check.machine, clientAddress: check.clientAddress, userAgent: check.userAgent,
                screenWidth: check.screenWidth, screenHeight: check.screenHeight, clockOffsetMs: check.clockOffsetMs,
                roundTripMs: check.roundTripMs, storageWorks: check.storageWorks, passed: check.passed,
                problems: check.problems.split(separator: " ").map(String.init),
                receivedAt: check.receivedAt.millisecondsSince1970)
        }))
    }

    private struct AuditReply: Encodable {
        struct Entry: Encodable {
            var id: Int64?
            var at: Int64
            var actor: String
            var action: String
            var subject: String
            var detail: [String: String]
            var reason: String?
        }
        var entries: [Entry]
    }

    private func audit(_ request: Request) throws -> Response {
        _ = try authentication.login(of: request, atLeast: .inspector)
        let limit = request.query["limit"].flatMap(Int.init) ?? Self.defaultAuditLimit
        guard (1...Self.maxAuditLimit).contains(limit) else {
            throw ProctorErrors.invalid(
                "invalid_limit", "limit 须为 1 到 \(Self.maxAuditLimit)", "limit is 1 to \(Self.maxAuditLimit)")
        }
        let entries = try services.database.pool.read { db in try AuditEntry.latest(limit: limit, db) }
        return try .json(AuditReply(entries: entries.map { entry in
            AuditReply.Entry(
                id: entry.id, at: entry.at.millisecondsSince1970, actor: entry.actor, action: entry.action,
                subject: entry.subject,
                detail: (try? JSONDecoder().decode([String: String].self, from: Data(entry.detail.utf8))) ?? [:],
                reason: entry.reason)
        }))
    }
}
