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
    /// The furthest page reached.
    public var furthestPosition: Int
    public var timeline: AttemptTimeline
    /// When the participant's browser last saved.
    public var lastSeenAt: Date?

    /// The columns ``init(row:)`` reads, by position: a save reads its attempt twice, and looking
    /// columns up by name cost more than the query.
    static let selection = """
        SELECT a.id, a.participant_id, a.session_id, a.instrument_id, a.instrument_hash, a.position,
               a.furthest_position, a.last_seen_at, a.extra_ms, a.opened_at, a.deadline_at, a.submitted_at,
               a.timed_out_at, s.definition, \(SessionTimeline.columns)
        FROM attempt a JOIN session s ON s.id = a.session_id
        """

    init(row: Row) throws {
        id = row[0]
        participantID = row[1]
        sessionID = row[2]
        instrumentID = row[3]
        instrumentHash = row[4]
        position = row[5]
        furthestPosition = row[6]
        lastSeenAt = row[7]
        let session = try SessionDefinitions.session(from: row[13])
        timeline = AttemptTimeline(
            session: SessionTimeline(row: row, from: 14, session: session),
            duration: session.durationMinutes.map { TimeInterval($0 * 60) },
            extraTime: TimeInterval(row[8] as Int64) / 1000,
            openedAt: row[9], deadline: row[10], submittedAt: row[11], timedOutAt: row[12])
    }

    public static func fetch(id: Int64, _ db: Database) throws -> AttemptRecord? {
        try Row.fetchOne(db.cachedStatement(sql: selection + " WHERE a.id = ?"), arguments: [id]).map(AttemptRecord.init(row:))
    }

    /// Every attempt at the session.
    public static func all(sessionID: String, _ db: Database) throws -> [AttemptRecord] {
        try Row.fetchAll(db, sql: selection + " WHERE a.session_id = ?", arguments: [sessionID]).map(AttemptRecord.init(row:))
    }

    public static func fetch(participantID: String, sessionID: String, _ db: Database) throws -> AttemptRecord? {
        try Row.fetchOne(db, sql: selection + " WHERE a.participant_id = ? AND a.session_id = ?",
                         arguments: [participantID, sessionID]).map(AttemptRecord.init(row:))
    }

    /// The condition on attempt `a` that it takes answers from the login whose token hash is bound
    /// first at the instant bound second: the token still live, the attempt opened, not finished,
    /// before its deadline, its session neither paused nor ended. The same answer as
    /// ``AttemptTimeline/state(at:)`` == `.open` for an opened attempt, asked inside the statements
    /// a save runs anyway, so that the check at commit costs no statement of its own.
    static let takesAnswersCondition = """
        a.opened_at IS NOT NULL AND a.submitted_at IS NULL AND a.timed_out_at IS NULL
          AND EXISTS (SELECT 1 FROM access_token t WHERE t.hash = ? AND t.attempt_id = a.id AND t.revoked_at IS NULL)
          AND (a.deadline_at IS NULL OR a.deadline_at > ?)
          AND EXISTS (SELECT 1 FROM session s WHERE s.id = a.session_id AND s.paused_at IS NULL AND s.ended_at IS NULL)
        """

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
        if db.changesCount > 0 {
            // The first page is where every participant starts.
            try db.execute(sql: "INSERT INTO page_event (attempt_id, position, server_time) VALUES (?, 0, ?)", arguments: [id, now])
        }
    }

    public static func submit(id: Int64, at now: Date, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE attempt SET submitted_at = ? WHERE id = ? AND submitted_at IS NULL AND timed_out_at IS NULL",
            arguments: [now, id])
    }

    /// Marks every open attempt whose deadline has passed as timed out, at its deadline; returns
    /// how many. Attempts in a paused session wait: their deadlines move when it resumes.
    public static func closeOverdue(at now: Date, _ db: Database) throws -> Int {
        try db.execute(
            sql: """
                UPDATE attempt SET timed_out_at = deadline_at
                WHERE deadline_at <= ? AND submitted_at IS NULL AND timed_out_at IS NULL
                  AND session_id NOT IN (SELECT id FROM session WHERE paused_at IS NOT NULL)
                """,
            arguments: [now])
        return db.changesCount
    }

    /// The earliest deadline still ahead of an open attempt outside a paused session, to know when
    /// to look again.
    public static func nextDeadline(_ db: Database) throws -> Date? {
        try Date.fetchOne(db, sql: """
            SELECT MIN(deadline_at) FROM attempt
            WHERE deadline_at IS NOT NULL AND submitted_at IS NULL AND timed_out_at IS NULL
              AND session_id NOT IN (SELECT id FROM session WHERE paused_at IS NOT NULL)
            """)
    }

    /// Moves the deadline of every opened, unfinished attempt of the session by `interval` (a
    /// pause's length).
    public static func moveDeadlines(sessionID: String, by interval: TimeInterval, _ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, deadline_at FROM attempt
            WHERE session_id = ? AND deadline_at IS NOT NULL AND submitted_at IS NULL AND timed_out_at IS NULL
            """, arguments: [sessionID])
        for row in rows {
            let deadline: Date = row["deadline_at"]
            try db.execute(sql: "UPDATE attempt SET deadline_at = ? WHERE id = ?",
                           arguments: [deadline.addingTimeInterval(interval), row["id"] as Int64])
        }
    }

    /// Closes every opened, unfinished attempt of the session as timed out at `now` (the session
    /// was ended).
    public static func closeOpen(sessionID: String, at now: Date, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE attempt SET timed_out_at = ?
            WHERE session_id = ? AND opened_at IS NOT NULL AND submitted_at IS NULL AND timed_out_at IS NULL
            """, arguments: [now, sessionID])
    }

    /// Gives the attempt `extra` more time: its deadline, if fixed, moves by it, and a timed-out
    /// attempt whose new deadline is ahead of `now` reopens.
    public static func addTime(id: Int64, extra: TimeInterval, at now: Date, _ db: Database) throws {
        let milliseconds = Int64((extra * 1000).rounded())
        try db.execute(sql: "UPDATE attempt SET extra_ms = extra_ms + ? WHERE id = ?", arguments: [milliseconds, id])
        guard let deadline = try Date.fetchOne(db, sql: "SELECT deadline_at FROM attempt WHERE id = ?", arguments: [id]) else {
            return
        }
        let moved = deadline.addingTimeInterval(extra)
        try db.execute(sql: "UPDATE attempt SET deadline_at = ? WHERE id = ?", arguments: [moved, id])
        if moved > now {
            try db.execute(sql: "UPDATE attempt SET timed_out_at = NULL WHERE id = ? AND submitted_at IS NULL", arguments: [id])
        }
    }
}
