import Foundation
import GRDB
import KioskCore
import KioskStorage

/// Where one sampled participant stands in one session, without their answers.
struct Participation {
    var participant: RosterEntry
    var session: ScheduledSession
    var status: RosterStatus
    var attempt: AttemptRecord?
    var mark: MarkRecord?
}

/// The reports the school sends after the day: the completion report (测试完成情况), the tested
/// participants' basic information (测试生基本信息), the incident report (应急事件报告表), and the
/// audit log.
struct ReportExports {
    let time: ExportTime
    let now: Date
    let sessionID: String?

    /// Every delivered, non-practice session (or the one asked for) with its participants.
    func participations(_ db: Database) throws -> [(ScheduledSession, [Participation])] {
        let participants = try ParticipantRecord.allEntries(db)
        return try ScheduledSession.all(db)
            .filter { $0.timeline.delivered && !$0.session.practice && (sessionID == nil || $0.session.id == sessionID) }
            .map { session in
                let attempts = try AttemptRecord.all(sessionID: session.session.id, db)
                    .reduce(into: [String: AttemptRecord]()) { $0[$1.participantID.lowercased()] = $1 }
                let marks = try ParticipantMarks.forSession(session.session.id, db)
                let lines = participants.filter(session.session.audience.includes).map { participant in
                    let key = participant.id.lowercased()
                    return Participation(
                        participant: participant, session: session,
                        status: RosterStatus(attempt: attempts[key]?.timeline.state(at: now), mark: marks[key]?.mark.kind),
                        attempt: attempts[key], mark: marks[key])
                }
                return (session, lines)
            }
    }

    static let completionHeader = [
        "session_id", "title", "date", "start", "end", "state", "sampled", "present", "finished", "timed_out",
        "not_finished", "not_logged_in", "absent", "excluded", "absent_reasons", "excluded_reasons",
    ]

    func writeCompletion(_ sessions: [(ScheduledSession, [Participation])], to csv: CSVWriter) throws {
        try csv.writeHeader(Self.completionHeader)
        for (scheduled, lines) in sessions {
            let counts = CompletionCounts(lines.map { ($0.status, $0.mark?.mark.reason) })
            let session = scheduled.session
            func reasons(_ counts: [String: Int]) -> CSVField {
                .text(counts.keys.sorted().map { "\($0)=\(counts[$0]!)" }.joined(separator: "; "))
            }
            try csv.write([
                .text(session.id), .text(session.title.zhCN), .text(session.date.description), .text(session.start.description),
                .text(session.end?.description ?? ""), .text(scheduled.timeline.state(at: now).rawValue),
                .number(String(counts.sampled)), .number(String(counts.present)), .number(String(counts.finished)),
                .number(String(counts.timedOut)), .number(String(counts.notFinished)), .number(String(counts.notLoggedIn)),
                .number(String(counts.absent)), .number(String(counts.excluded)),
                reasons(counts.absentReasons), reasons(counts.excludedReasons),
            ])
        }
    }

    static let participantsHeader = [
        "participant_id", "name", "role", "school", "grade", "class", "gender", "session_id", "status", "mark_reason",
        "mark_note", "started_at", "ended_at", "extra_minutes",
    ]

    func writeParticipants(_ sessions: [(ScheduledSession, [Participation])], to csv: CSVWriter) throws {
        try csv.writeHeader(Self.participantsHeader)
        for (_, lines) in sessions {
            for line in lines {
                let person = line.participant
                let timeline = line.attempt?.timeline
                try csv.write([
                    .text(person.id), .text(person.name), .text(person.role.rawValue), .text(person.school ?? ""),
                    person.grade.map { .number(String($0)) } ?? .empty, .text(person.className ?? ""),
                    .text(person.gender?.rawValue ?? ""), .text(line.session.session.id), .text(line.status.rawValue),
                    .text(line.mark?.mark.reason ?? ""), .text(line.mark?.mark.note ?? ""),
                    .text(time.text(timeline?.openedAt)), .text(time.text(timeline?.submittedAt ?? timeline?.timedOutAt)),
                    .number(String(Int(((timeline?.extraTime ?? 0) / 60).rounded()))),
                ])
            }
        }
    }

    static let incidentsHeader = [
        "id", "session_id", "kind", "kind_zh", "occurred_at", "participants", "description", "action", "recorded_by",
        "recorded_at",
    ]

    func writeIncidents(to csv: CSVWriter, _ db: Database) throws {
        try csv.writeHeader(Self.incidentsHeader)
        for incident in try IncidentRecord.all(sessionID: sessionID, db) {
            try csv.write([
                .number(String(incident.id ?? 0)), .text(incident.sessionID ?? ""), .text(incident.kind.rawValue),
                .text(incident.kind.chineseName), .text(time.text(incident.occurredAt)),
                .text(incident.participants.joined(separator: " ")), .text(incident.description), .text(incident.action),
                .text(incident.recordedBy), .text(time.text(incident.recordedAt)),
            ])
        }
    }

    static let auditHeader = ["id", "at", "actor", "action", "subject", "detail", "reason"]

    func writeAudit(to csv: CSVWriter, _ db: Database) throws {
        try csv.writeHeader(Self.auditHeader)
        for entry in try AuditEntry.all(db) {
            try csv.write([
                .number(String(entry.id ?? 0)), .text(time.preciseText(entry.at)), .text(entry.actor), .text(entry.action),
                .text(entry.subject), .text(entry.detail), .text(entry.reason ?? ""),
            ])
        }
    }
}
