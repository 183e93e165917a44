import Foundation

/// After a server has stopped: is every acknowledged answer in its database file?
///
/// Saves go out one at a time per participant with seqs 1, 2, 3...; a failed save is sent again
/// with the same seq. So after `n` acknowledgements a participant's events are seqs 1...n, plus
/// perhaps n+1 if that save was stored but its answer never arrived.
struct Verification: Codable {
    /// Answers acknowledged to the generator, all participants together.
    var acknowledged: Int
    /// Of those, how many are in `answer_event`.
    var onDisk: Int
    var lost: Int { acknowledged - onDisk }
    /// Participants whose `answer` rows (current values) are not as many as the variables they answered.
    var currentValueMismatches: Int
    /// Attempts marked submitted (the kiosk only).
    var submitted: Int?

    /// One attempt's rows, as the database holds them.
    struct StoredAttempt {
        var events: Int
        var highestSeq: Int64
        var currentValues: Int
        var submitted: Bool
    }

    /// Reads the rows of `database` with the sqlite3 command-line shell, keyed by `keyColumn`
    /// (the attempt's participant ID for the kiosk, its id elsewhere).
    static func read(database: String, keyColumn: String) throws -> [String: StoredAttempt] {
        let attemptColumns = try SQLiteShell.query(database, "SELECT name FROM pragma_table_info('attempt')")
        let submittedColumn = attemptColumns.contains(["submitted_at"]) ? "a.submitted_at IS NOT NULL" : "0"
        let rows = try SQLiteShell.query(database, """
            SELECT \(keyColumn), COUNT(e.id), COALESCE(MAX(e.seq), 0),
                   (SELECT COUNT(*) FROM answer c WHERE c.attempt_id = a.id), \(submittedColumn)
            FROM attempt a LEFT JOIN answer_event e ON e.attempt_id = a.id GROUP BY a.id
            """)
        var attempts: [String: StoredAttempt] = [:]
        for row in rows where row.count == 5 {
            attempts[row[0]] = StoredAttempt(
                events: Int(row[1]) ?? 0, highestSeq: Int64(row[2]) ?? 0, currentValues: Int(row[3]) ?? 0,
                submitted: row[4] == "1")
        }
        return attempts
    }

    init(acknowledged seqs: [String: Int64], stored: [String: StoredAttempt], plan: AnswerPlan, countSubmitted: Bool) {
        acknowledged = 0
        onDisk = 0
        currentValueMismatches = 0
        for (key, seq) in seqs {
            let attempt = stored[key] ?? StoredAttempt(events: 0, highestSeq: 0, currentValues: 0, submitted: false)
            let unacknowledgedExtra = attempt.highestSeq > seq ? 1 : 0
            acknowledged += Int(seq)
            onDisk += min(Int(seq), attempt.events - unacknowledgedExtra)
            if attempt.currentValues != plan.currentAnswers(afterSaves: attempt.highestSeq) {
                currentValueMismatches += 1
            }
        }
        submitted = countSubmitted ? stored.values.filter(\.submitted).count : nil
    }
}

/// The sqlite3 command-line shell, read-only.
enum SQLiteShell {
    static func query(_ database: String, _ sql: String) throws -> [[String]] {
        let output = try Command.run("/usr/bin/sqlite3", ["-readonly", "-separator", "\t", database, sql])
        return output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}
