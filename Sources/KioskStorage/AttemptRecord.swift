import Foundation
import GRDB
import KioskCore

/// One participant's sitting of one session, as `attempt` stores it, with what its state needs
/// from the session.
public struct AttemptRecord: Sendable, Equatable {
    public var id: Int64
    public var participantID: String
    public var sessionID: String
    public var instrumentID: String
    public var instrumentHash: String
    public var position: Int
    public var timeline: AttemptTimeline

    static let selection = """
        SELECT a.*, s.opens_at, s.closes_at, s.started_at, s.definition AS session_definition
        FROM attempt a JOIN session s ON s.id = a.session_id
        """

    init(row: Row) throws {
        id = row["id"]
        participantID = row["participant_id"]
        sessionID = row["session_id"]
        instrumentID = row["instrument_id"]
        instrumentHash = row["instrument_hash"]
        position = row["position"]
        let session = try JSONDecoder().decode(Session.self, from: Data((row["session_definition"] as String).utf8))
        timeline = AttemptTimeline(
            window: SessionWindow(start: row["opens_at"], end: row["closes_at"]),
            proctorStart: session.proctorStart, startedByProctorAt: row["started_at"],
            duration: session.durationMinutes.map { TimeInterval($0 * 60) },
            openedAt: row["opened_at"], deadline: row["deadline_at"],
            submittedAt: row["submitted_at"], timedOutAt: row["timed_out_at"])
    }

    public static func fetch(id: Int64, _ db: Database) throws -> AttemptRecord? {
        try Row.fetchOne(db, sql: selection + " WHERE a.id = ?", arguments: [id]).map(AttemptRecord.init(row:))
    }

    public static func fetch(participantID: String, sessionID: String, _ db: Database) throws -> AttemptRecord? {
        try Row.fetchOne(db, sql: selection + " WHERE a.participant_id = ? AND a.session_id = ?",
                         arguments: [participantID, sessionID]).map(AttemptRecord.init(row:))
    }

    /// Creates the attempt (once per participant and session), tied to the instrument's fingerprint.
    public static func create(
        participantID: String, sessionID: String, instrumentID: String, at now: Date, _ db: Database
    ) throws -> AttemptRecord {
        try db.execute(
            sql: """
                INSERT INTO attempt (participant_id, session_id, instrument_id, instrument_hash, created_at)
                SELECT ?, ?, id, hash, ? FROM instrument WHERE id = ?
                ON CONFLICT (participant_id, session_id) DO NOTHING
                """,
            arguments: [participantID, sessionID, now, instrumentID])
        guard let attempt = try fetch(participantID: participantID, sessionID: sessionID, db) else {
            throw DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "no instrument \(instrumentID)")
        }
        return attempt
    }

    /// Fixes the opening instant and the deadline the first time the instrument is served.
    public static func open(id: Int64, at now: Date, deadline: Date?, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE attempt SET opened_at = ?, deadline_at = ? WHERE id = ? AND opened_at IS NULL",
            arguments: [now, deadline, id])
    }

    public static func submit(id: Int64, at now: Date, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE attempt SET submitted_at = ? WHERE id = ? AND submitted_at IS NULL AND timed_out_at IS NULL",
            arguments: [now, id])
    }

    /// Marks every open attempt whose deadline has passed as timed out, at its deadline; returns
    /// how many.
    public static func closeOverdue(at now: Date, _ db: Database) throws -> Int {
        try db.execute(
            sql: """
                UPDATE attempt SET timed_out_at = deadline_at
                WHERE deadline_at <= ? AND submitted_at IS NULL AND timed_out_at IS NULL
                """,
            arguments: [now])
        return db.changesCount
    }

    /// The earliest deadline still ahead of an open attempt, to know when to look again.
    public static func nextDeadline(_ db: Database) throws -> Date? {
        try Date.fetchOne(db, sql: """
            SELECT MIN(deadline_at) FROM attempt
            WHERE deadline_at IS NOT NULL AND submitted_at IS NULL AND timed_out_at IS NULL
            """)
    }
}
