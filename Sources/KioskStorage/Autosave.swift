import Foundation
import GRDB
import KioskCore

/// One autosave from a participant's browser, ready for the writer: answers to store and the page
/// the participant is on, from the login whose token has a given hash.
///
/// Its statements' arguments are made where the request is read, on an event thread; the writer's
/// thread, which every acknowledgement waits for, only binds them, adds the instant of its check,
/// and runs two statements (three for a save of two answers, and so on):
/// - one UPDATE touches the attempt on the condition that it takes answers from this login at the
///   check's instant (``AttemptRecord/takesAnswersCondition``); the `attempt_page_turn` trigger
///   logs a change of page in `page_event`;
/// - one INSERT per answer stores its event (a seq already stored is skipped), which the
///   `answer_event_current_value` trigger makes the current value unless a later seq set it.
public struct Autosave: Sendable {
    /// The columns of `attempt` that every autosave writes; nothing on the saving path reads them
    /// back from a cached attempt. An array: it is searched for each column of every UPDATE the
    /// writer runs, and four comparisons cost less than hashing.
    public static let attemptColumnsWritten = ["position", "furthest_position", "last_seen_at", "last_client_at"]

    /// The touch's arguments but the last, the instant of the check, which only the writer knows.
    private let touchArguments: StatementArguments
    private let eventArguments: [StatementArguments]

    /// - Parameters:
    ///   - position: the page, or nil to leave it as it is.
    ///   - clientTime: the browser's clock when it sent the save.
    ///   - now: when the server received it.
    public init(
        _ answers: [SubmittedAnswer], attemptID: Int64, tokenHash: String, position: Int?, clientTime: Date?, at now: Date
    ) {
        // Each instant converted to its stored text once, not once per row.
        let stamp = now.storedText
        let clientStamp = clientTime?.storedText
        touchArguments = [position, position ?? 0, stamp, clientStamp, attemptID, tokenHash]
        eventArguments = answers.map { answer in
            [attemptID, answer.seq, answer.variable, answer.value.json, clientStamp, stamp]
        }
    }

    /// Stores the save if the attempt takes it from this login at `checkTime`; returns false,
    /// having stored nothing, when it does not. The statements are fixed and the arguments made
    /// for them, so they are bound without GRDB's validation.
    public func store(checkedAt checkTime: Date, _ db: Database) throws -> Bool {
        let touch = try db.cachedStatement(sql: Self.touchAttemptSQL)
        touch.setUncheckedArguments(touchArguments + [checkTime.storedText])
        try touch.execute()
        guard db.changesCount > 0 else { return false }
        let event = try db.cachedStatement(sql: Self.insertEventSQL)
        for arguments in eventArguments {
            event.setUncheckedArguments(arguments)
            try event.execute()
        }
        return true
    }

    /// The page (unchanged when none is given) and the last-seen instants, on the condition that
    /// the attempt takes answers: the check at commit, in the statement every save runs anyway.
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
