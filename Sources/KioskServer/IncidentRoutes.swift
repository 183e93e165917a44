import Foundation
import GRDB
import KioskCore
import KioskHTTP
import KioskStorage

/// Incidents (应急事件): a proctor writes down what happened, to whom, and what was done.
struct IncidentRoutes {
    let services: Services
    let authentication: StaffAuthentication

    static let maxTextLength = 2000
    static let maxParticipants = 500

    func register(in router: inout Router) {
        router.get("/api/v1/staff/incidents", list)
        router.post("/api/v1/staff/incidents", waiting: record)
    }

    /// An incident as the console and the reports show it.
    struct IncidentView: Encodable {
        var id: Int64?
        var sessionId: String?
        var kind: IncidentKind
        var occurredAt: Int64
        var participants: [String]
        var description: String
        var action: String
        var recordedBy: String
        var recordedAt: Int64

        init(_ record: IncidentRecord) {
            id = record.id
            sessionId = record.sessionID
            kind = record.kind
            occurredAt = record.occurredAt.millisecondsSince1970
            participants = record.participants
            description = record.description
            action = record.action
            recordedBy = record.recordedBy
            recordedAt = record.recordedAt.millisecondsSince1970
        }
    }

    private struct ListReply: Encodable {
        var incidents: [IncidentView]
    }

    private func list(_ request: Request) throws -> Response {
        _ = try authentication.login(of: request, atLeast: .inspector)
        let sessionID = request.query["session"]
        let incidents = try services.database.pool.read { db in try IncidentRecord.all(sessionID: sessionID, db) }
        return try .json(ListReply(incidents: incidents.map(IncidentView.init)))
    }

    private struct IncidentBody: Decodable {
        var sessionId: String?
        var kind: IncidentKind
        var occurredAt: Int64
        var participants: [String]?
        var description: String
        var action: String
    }

    private func record(_ request: Request, _ reply: Reply) throws {
        let login = try authentication.login(of: request, atLeast: .proctor)
        let body = try request.decodeJSON(IncidentBody.self)
        let description = body.description.trimmingCharacters(in: .whitespacesAndNewlines)
        let action = body.action.trimmingCharacters(in: .whitespacesAndNewlines)
        let participants = body.participants ?? []
        let now = services.clock.now
        let occurredAt = Date(millisecondsSince1970: body.occurredAt)
        guard !description.isEmpty, !action.isEmpty, description.count <= Self.maxTextLength,
              action.count <= Self.maxTextLength, participants.count <= Self.maxParticipants,
              abs(occurredAt.timeIntervalSince(now)) <= 24 * 60 * 60 else {
            throw Self.invalid("须填写经过和处理措施（各最多 2000 字），时间须在 24 小时之内",
                               "Description and action are required (up to 2,000 characters each); the time must be within a day")
        }
        services.commitChange({ db -> IncidentRecord in
            if let sessionID = body.sessionId, try ScheduledSession.fetch(id: sessionID, db) == nil {
                throw ProctorErrors.sessionNotFound
            }
            var ids: [String] = []
            for id in participants {
                guard let participant = try ParticipantRecord.fetch(id: id, db) else {
                    throw Self.invalid("名册中没有测试对象 \(id)", "There is no participant \(id) on the roster")
                }
                if !ids.contains(participant.entry.id) { ids.append(participant.entry.id) }
            }
            var incident = IncidentRecord(
                sessionID: body.sessionId, kind: body.kind, occurredAt: occurredAt, participants: ids,
                description: description, action: action, recordedBy: login.account.name, recordedAt: now)
            try incident.insert(db)
            try AuditEntry.record(
                at: now, actor: login.account.name, action: "incident.record", subject: "incident \(incident.id ?? 0)",
                detail: ["kind": body.kind.rawValue, "session": body.sessionId ?? "", "participants": ids.joined(separator: " ")],
                db)
            return incident
        }, reply: reply) { incident in try .json(IncidentView(incident), status: .created) }
    }

    private static func invalid(_ message: String, _ messageEn: String) -> APIError {
        ProctorErrors.invalid("invalid_incident", message, messageEn)
    }
}
