import Foundation
import GRDB

/// The answer-event log as NDJSON, one event per line in the order the server stored them, from
/// a cursor: a collection script passes the last export's `next` cursor as `since` and gets every
/// event after it exactly once.
///
/// The cursor is the event's row ID. The one writer gives IDs in commit order, and an export reads
/// one snapshot, so events committed after the snapshot all have higher IDs than any it saw: no gap,
/// no repeat, even while answers are being saved.
struct EventLogExport {
    let time: ExportTime
    let sessionID: String?

    /// Writes the events after `since`; returns how many and the cursor to pass next time.
    func write(to sink: FileSink, since: Int64, _ db: Database) throws -> (rows: Int, next: Int64) {
        var sql = """
            SELECT e.id, e.attempt_id, e.seq, e.variable, e.value, e.client_time, e.server_time,
                   a.participant_id, a.session_id, a.instrument_id
            FROM answer_event e JOIN attempt a ON a.id = e.attempt_id JOIN session s ON s.id = a.session_id
            WHERE e.id > ? AND NOT s.practice
            """
        var arguments: StatementArguments = [since]
        if let sessionID {
            sql += " AND a.session_id = ?"
            arguments += [sessionID]
        }
        sql += " ORDER BY e.id"
        var rows = 0
        var next = since
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            let id: Int64 = row["id"]
            let fields: [(String, String)] = [
                ("attemptId", String(row["attempt_id"] as Int64)),
                ("clientTime", (row["client_time"] as Date?).map { JSONText.quoted(time.preciseText($0)) } ?? "null"),
                ("cursor", String(id)),
                ("instrumentId", JSONText.quoted(row["instrument_id"])),
                ("participantId", JSONText.quoted(row["participant_id"])),
                ("seq", String(row["seq"] as Int64)),
                ("serverTime", JSONText.quoted(time.preciseText(row["server_time"]))),
                ("sessionId", JSONText.quoted(row["session_id"])),
                ("value", row["value"] as String),
                ("variable", JSONText.quoted(row["variable"])),
            ]
            try sink.write("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n")
            rows += 1
            next = id
        }
        return (rows, next)
    }
}
