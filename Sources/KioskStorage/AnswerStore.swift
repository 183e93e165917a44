import Foundation
import GRDB
import KioskCore

/// Answers kept twice: the current value per variable (`answer`) and every answer given, in
/// order (`answer_event`). Sequence numbers make retries idempotent. ``Autosave`` writes them;
/// these read them.
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
}
