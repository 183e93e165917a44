import Foundation

/// A kiosk data folder for the export measurement: the bench bundle with a roster of
/// `participants`, loaded with `kiosk init`, in which every participant has submitted an attempt
/// that answered every variable. The answers go straight into the database through the sqlite3
/// shell, in one transaction: saving them through the kiosk would take longer than the bench.
struct ExportData {
    /// The attempts opened this long ago (their session a minute earlier), answered, and were submitted since.
    static let sessionAge: TimeInterval = 20 * 60
    /// One answer every 3 seconds, plus each attempt's own milliseconds, so that instants differ.
    static let secondsPerAnswer = 3

    let folder: String
    let participants: Int
    let variables: Int

    var database: String { folder + "/kiosk.sqlite" }

    /// Writes the bundle into `directory`/bundle and the data folder into `directory`/data.
    init(kiosk: String, participants: Int, in directory: String) throws {
        let bundle = directory + "/bundle"
        folder = directory + "/data"
        // The bundle's session opens a minute before its `now`: here twenty minutes ago.
        let opened = Date().addingTimeInterval(-Self.sessionAge)
        let plan = try BenchBundle(participants: participants, now: opened).write(to: bundle)
        try Command.run(kiosk, ["init", "--bundle", bundle, "--data", folder])
        try Command.run("/usr/bin/sqlite3", ["-bail", folder + "/kiosk.sqlite"], input: Self.everyoneAnswering(plan, openedAt: opened))
        self.participants = participants
        variables = plan.variables.count
    }

    /// The SQL that gives each participant of the roster an attempt at the bench session, opened at
    /// `opened`, answering the variables in questionnaire order (seq 1, 2, ...) with one current
    /// answer and one event each, and submitted on the last page. Each variable's values take turns
    /// across the participants.
    private static func everyoneAnswering(_ plan: AnswerPlan, openedAt opened: Date) -> String {
        let openedText = literal(databaseText(opened))
        let deadline = literal(databaseText(opened.addingTimeInterval(TimeInterval(BenchBundle.durationMinutes * 60))))
        let submitted = literal(databaseText(opened.addingTimeInterval(TimeInterval((plan.variables.count + 1) * secondsPerAnswer))))
        let lastPage = plan.variables.map(\.page).max() ?? 0
        let values = plan.variables.enumerated().flatMap { index, variable in
            variable.values.enumerated().map { variant, value in
                "(\(index + 1), \(literal(variable.name)), \(variant), \(variable.values.count), \(literal(value)))"
            }
        }
        return """
            BEGIN;
            CREATE TEMP TABLE bench_value (seq INTEGER, variable TEXT, variant INTEGER, variants INTEGER, value TEXT);
            INSERT INTO bench_value VALUES
            \(values.joined(separator: ",\n"));
            INSERT INTO attempt (participant_id, session_id, instrument_id, instrument_hash, created_at,
                                 opened_at, deadline_at, submitted_at, position, furthest_position, last_seen_at)
                SELECT p.id, \(literal(BenchBundle.sessionID)), i.id, i.hash, \(openedText), \(openedText), \(deadline),
                       \(submitted), \(lastPage), \(lastPage), \(submitted)
                FROM participant p JOIN instrument i ON i.id = \(literal(BenchBundle.instrumentID))
                ORDER BY p.position;
            CREATE TEMP TABLE bench_answer AS
                SELECT a.id AS attempt_id, v.seq, v.variable, v.value,
                       strftime('%Y-%m-%d %H:%M:%f', a.opened_at,
                                '+' || (v.seq * \(secondsPerAnswer) + a.id % 1000 / 1000.0) || ' seconds') AS at
                FROM attempt a JOIN bench_value v ON v.variant = a.id % v.variants;
            -- The kiosk's answer_event_current_value trigger fills answer from the events.
            INSERT INTO answer_event (attempt_id, seq, variable, value, client_time, server_time)
                SELECT attempt_id, seq, variable, value, strftime('%Y-%m-%d %H:%M:%f', at, '-0.2 seconds'), at
                FROM bench_answer ORDER BY attempt_id, seq;
            COMMIT;

            """
    }

    /// An instant as the kiosk stores it (GRDB's format: UTC, milliseconds).
    private static func databaseText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        return formatter.string(from: date)
    }

    private static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
