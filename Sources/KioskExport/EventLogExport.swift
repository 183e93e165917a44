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
            SELECT e.id, e.attempt_id, \(InstantSQL.milliseconds("e.client_time")), e.seq,
                   \(InstantSQL.milliseconds("e.server_time")), e.value, e.variable
            FROM answer_event e
            WHERE e.id > ? AND +e.attempt_id IN (
                SELECT a.id FROM attempt a JOIN session s ON s.id = a.session_id WHERE NOT s.practice
            """
        var arguments: StatementArguments = [since]
        if let sessionID {
            sql += " AND a.session_id = ?"
            arguments += [sessionID]
        }
        // The attempts are looked up once each (AttemptFields), not joined to every event; the `+`
        // keeps SQLite reading in row ID order (streamed, no sort) rather than by attempt.
        sql += ") ORDER BY e.id"
        var rows = 0
        var next = since
        var line: [UInt8] = []
        var attempt = AttemptFields()
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            // The keys in sorted order.
            let id: Int64 = row[0]
            let attemptID: Int64 = row[1]
            if attemptID != attempt.id { attempt = try AttemptFields(id: attemptID, db) }
            line.removeAll(keepingCapacity: true)
            line.append("{\"attemptId\":")
            line.appendDecimal(attemptID)
            line.append(",\"clientTime\":")
            if let clientTime: Int64 = row[2] {
                appendQuotedTime(clientTime, to: &line)
            } else {
                line.append("null")
            }
            line.append(",\"cursor\":")
            line.appendDecimal(id)
            line.append(contentsOf: attempt.instrumentAndParticipant)
            line.append(",\"seq\":")
            line.appendDecimal(row[3])
            line.append(",\"serverTime\":")
            appendQuotedTime(row[4], to: &line)
            line.append(contentsOf: attempt.session)
            // The value is stored as JSON: written as it is.
            line.append(",\"value\":")
            line.append(row[5] as String)
            line.append(",\"variable\":")
            JSONText.appendQuoted(row[6] as String, to: &line)
            line.append("}\n")
            try sink.write(line)
            rows += 1
            next = id
        }
        return (rows, next)
    }

    /// The fields an attempt's events share, written once per attempt (its events mostly follow
    /// one another).
    private struct AttemptFields {
        var id: Int64?
        /// `,"instrumentId":…,"participantId":…`
        var instrumentAndParticipant: [UInt8] = []
        /// `,"sessionId":…`
        var session: [UInt8] = []

        init() {}

        init(id: Int64, _ db: Database) throws {
            self.id = id
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT instrument_id, participant_id, session_id FROM attempt WHERE id = ?"),
                arguments: [id])!
            instrumentAndParticipant.append(",\"instrumentId\":")
            JSONText.appendQuoted(row[0] as String, to: &instrumentAndParticipant)
            instrumentAndParticipant.append(",\"participantId\":")
            JSONText.appendQuoted(row[1] as String, to: &instrumentAndParticipant)
            session.append(",\"sessionId\":")
            JSONText.appendQuoted(row[2] as String, to: &session)
        }
    }

    private func appendQuotedTime(_ milliseconds: Int64, to line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        time.append(milliseconds: milliseconds, precise: true, to: &line)
        line.append(UInt8(ascii: "\""))
    }
}
