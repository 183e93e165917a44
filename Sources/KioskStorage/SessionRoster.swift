import Foundation
import GRDB
import KioskCore

/// One rostered participant of a session with everything the proctor's roster shows of them.
public struct RosterLine: Sendable {
    public var participant: RosterEntry
    /// Their attempt, once they have logged in.
    public var attempt: AttemptRecord?
    /// Their current answers.
    public var answers: [String: AnswerValue]
    /// The address of the machine of their live login; nil when nobody is logged in as them.
    public var liveLoginAddress: String?
    public var mark: MarkRecord?
}

/// The session's roster as it stands: read in one transaction, so the lines agree with each other.
public enum SessionRoster {
    /// A line per rostered participant of the session's audience, in roster order.
    public static func lines(of scheduled: ScheduledSession, _ db: Database) throws -> [RosterLine] {
        let sessionID = scheduled.session.id
        let attempts = try AttemptRecord.all(sessionID: sessionID, db)
            .reduce(into: [String: AttemptRecord]()) { $0[$1.participantID.lowercased()] = $1 }
        var answers: [Int64: [String: AnswerValue]] = [:]
        let answerRows = try Row.fetchCursor(db, sql: """
            SELECT n.attempt_id, n.variable, n.value FROM answer n JOIN attempt a ON a.id = n.attempt_id
            WHERE a.session_id = ? AND n.value != 'null'
            """, arguments: [sessionID])
        while let row = try answerRows.next() {
            answers[row["attempt_id"], default: [:]][row["variable"]] = try AnswerValue(json: row["value"])
        }
        let liveAddresses = try Row.fetchAll(db, sql: """
            SELECT t.attempt_id, t.client_address FROM access_token t JOIN attempt a ON a.id = t.attempt_id
            WHERE a.session_id = ? AND t.revoked_at IS NULL ORDER BY t.created_at
            """, arguments: [sessionID])
            .reduce(into: [Int64: String]()) { $0[$1["attempt_id"]] = ($1["client_address"] as String?) ?? "" }
        let marks = try ParticipantMarks.forSession(sessionID, db)
        return try ParticipantRecord.allEntries(db)
            .filter { scheduled.session.audience.includes($0) }
            .map { participant in
                let key = participant.id.lowercased()
                let attempt = attempts[key]
                return RosterLine(
                    participant: participant, attempt: attempt,
                    answers: attempt.flatMap { answers[$0.id] } ?? [:],
                    liveLoginAddress: attempt.flatMap { liveAddresses[$0.id] },
                    mark: marks[key])
            }
    }
}
