import Foundation
import GRDB
import KioskCore

/// One answer as a browser sent it: the variable, the value, and the browser's sequence number.
public struct SubmittedAnswer: Sendable, Equatable {
    public var variable: String
    public var value: AnswerValue
    public var seq: Int64

    public init(variable: String, value: AnswerValue, seq: Int64) {
        self.variable = variable
        self.value = value
        self.seq = seq
    }
}

/// Answers kept twice: the current value per variable (`answer`) and every answer given, in
/// order (`answer_event`). Sequence numbers make retries idempotent.
public enum AnswerStore {
    /// The current answers of an attempt; a cleared answer is left out.
    public static func answers(attemptID: Int64, _ db: Database) throws -> [String: AnswerValue] {
        var answers: [String: AnswerValue] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT variable, value FROM answer WHERE attempt_id = ? AND value != 'null'"), arguments: [attemptID])
        while let row = try rows.next() {
            answers[row[0]] = try AnswerValue(json: row[1])
        }
        return answers
    }

    /// The current answers of an attempt to `variables` only; a cleared answer is left out.
    public static func answers(attemptID: Int64, variables: Set<String>, _ db: Database) throws -> [String: AnswerValue] {
        guard !variables.isEmpty else { return [:] }
        let names = variables.sorted()
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ",")
        var answers: [String: AnswerValue] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT variable, value FROM answer WHERE attempt_id = ? AND value != 'null' AND variable IN (\(placeholders))"),
            arguments: StatementArguments([attemptID] as [any DatabaseValueConvertible] + names))
        while let row = try rows.next() {
            answers[row[0]] = try AnswerValue(json: row[1])
        }
        return answers
    }

    /// Which of `seqs` the attempt has already stored.
    public static func seenSeqs(attemptID: Int64, among seqs: [Int64], _ db: Database) throws -> Set<Int64> {
        guard !seqs.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: seqs.count).joined(separator: ",")
        return try Set(Int64.fetchAll(
            db.cachedStatement(sql: "SELECT seq FROM answer_event WHERE attempt_id = ? AND seq IN (\(placeholders))"),
            arguments: StatementArguments([attemptID] + seqs)))
    }

    /// The highest sequence number stored for the attempt (0 for none).
    public static func highestSeq(attemptID: Int64, _ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(seq) FROM answer_event WHERE attempt_id = ?"), arguments: [attemptID]) ?? 0
    }

    /// The columns of `attempt` that every save writes (``save(_:attemptID:tokenHash:position:clientTime:at:checkedAt:_:)``);
    /// nothing on the saving path reads them back from a cached attempt. An array: it is searched
    /// for each column of every UPDATE the writer runs, and four comparisons cost less than hashing.
    public static let attemptColumnsEverySaveWrites = ["position", "furthest_position", "last_seen_at", "last_client_at"]

    /// Stores answers from the login whose token has `tokenHash`, if the attempt takes them from
    /// it at `checkTime` (``AttemptRecord/takesAnswersCondition``): each as an event (a seq
    /// already stored is skipped), which the database's `answer_event_current_value` trigger also
    /// makes the current value unless a later seq already set it; and the page the participant is
    /// on, whose change the `attempt_page_turn` trigger logs in `page_event`. Returns false, having
    /// stored nothing, when the attempt does not take them.
    ///
    /// This runs on the writer's thread for every autosave, where each microsecond delays the next
    /// commit: one statement asks the question and touches the attempt, then one per answer, with
    /// arguments bound without GRDB's validation (the statements are fixed and the arguments
    /// always fit them).
    public static func save(
        _ answers: [SubmittedAnswer], attemptID: Int64, tokenHash: String, position: Int?, clientTime: Date?,
        at now: Date, checkedAt checkTime: Date, _ db: Database
    ) throws -> Bool {
        // Each instant converted to its stored text once, not once per row.
        let stamp = now.storedText
        let clientStamp = clientTime?.storedText
        let touch = try db.cachedStatement(sql: touchAttemptSQL)
        touch.setUncheckedArguments([position, position ?? 0, stamp, clientStamp, attemptID, checkTime.storedText, tokenHash])
        try touch.execute()
        guard db.changesCount > 0 else { return false }
        let event = try db.cachedStatement(sql: insertEventSQL)
        for answer in answers {
            event.setUncheckedArguments([attemptID, answer.seq, answer.variable, answer.value.json, clientStamp, stamp])
            try event.execute()
        }
        return true
    }

    /// The page (unchanged when none is given), the last-seen instants, on the condition that the
    /// attempt takes answers: the check at commit, in the statement every save runs anyway.
    private static let touchAttemptSQL = """
        UPDATE attempt AS a SET position = IFNULL(?, position), furthest_position = MAX(furthest_position, ?),
            last_seen_at = ?, last_client_at = ?
        WHERE a.id = ? AND \(AttemptRecord.takesAnswersCondition)
        """

    private static let insertEventSQL = """
        INSERT INTO answer_event (attempt_id, seq, variable, value, client_time, server_time)
        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (attempt_id, seq) DO NOTHING
        """
}
