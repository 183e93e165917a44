import Foundation
import GRDB
import KioskCore
import KioskStorage

/// Paradata: how each participant moved through the instrument. Per page: visits, revisits and the
/// seconds spent there; per variable: how many times it was answered, how often the answer changed,
/// when it was first answered and the seconds spent on it (from the previous answer or page turn to
/// its first answer). Times are the browser's where it sent them (answers queued offline keep the
/// moment they were given), else the server's.
struct ParadataExport {
    let sessionID: String?
    let instruments: [String: ResponseClassifier]

    static let pagesHeader = ["participant_id", "session_id", "instrument_id", "page", "visits", "revisits", "seconds"]
    static let itemsHeader = [
        "participant_id", "session_id", "instrument_id", "variable", "page", "answers", "changes",
        "first_answered_seconds", "seconds",
    ]

    private struct Step {
        var at: Date
        /// The page turned to, or the variable answered.
        var page: Int?
        var variable: String?
    }

    func write(pages: CSVWriter, items: CSVWriter, _ db: Database) throws {
        try pages.writeHeader(Self.pagesHeader)
        try items.writeHeader(Self.itemsHeader)
        var sql = """
            SELECT a.* FROM attempt a JOIN session s ON s.id = a.session_id JOIN participant p ON p.id = a.participant_id
            WHERE a.opened_at IS NOT NULL AND NOT s.practice
            """
        var arguments: StatementArguments = []
        if let sessionID {
            sql += " AND a.session_id = ?"
            arguments += [sessionID]
        }
        sql += " ORDER BY s.position, p.position"
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            guard let classifier = instruments[row["instrument_id"]] else { continue }
            try writeAttempt(row, classifier: classifier, pages: pages, items: items, db)
        }
    }

    private func writeAttempt(_ attempt: Row, classifier: ResponseClassifier, pages: CSVWriter, items: CSVWriter, _ db: Database) throws {
        let id: Int64 = attempt["id"]
        let openedAt: Date = attempt["opened_at"]
        var steps = try Row.fetchAll(db, sql: "SELECT position, client_time, server_time FROM page_event WHERE attempt_id = ? ORDER BY id",
                                     arguments: [id]).map { Step(at: ($0["client_time"] as Date?) ?? $0["server_time"], page: $0["position"]) }
        steps += try Row.fetchAll(db, sql: "SELECT variable, client_time, server_time FROM answer_event WHERE attempt_id = ? ORDER BY seq",
                                  arguments: [id]).map { Step(at: ($0["client_time"] as Date?) ?? $0["server_time"], variable: $0["variable"]) }
        steps.sort { $0.at < $1.at }
        let end: Date = attempt["submitted_at"] ?? attempt["timed_out_at"] ?? attempt["last_seen_at"] ?? steps.last?.at ?? openedAt
        let identity: [CSVField] = [.text(attempt["participant_id"]), .text(attempt["session_id"]), .text(attempt["instrument_id"])]

        // Pages: each visit lasts until the next page turn, or the end of the attempt.
        let turns = steps.filter { $0.page != nil }
        var visits: [Int: Int] = [:]
        var seconds: [Int: Double] = [:]
        for (index, turn) in turns.enumerated() {
            let page = turn.page!
            let until = index + 1 < turns.count ? turns[index + 1].at : end
            visits[page, default: 0] += 1
            seconds[page, default: 0] += max(0, until.timeIntervalSince(turn.at))
        }
        for page in visits.keys.sorted() {
            try pages.write(identity + [
                .number(String(page + 1)), .number(String(visits[page]!)), .number(String(visits[page]! - 1)),
                .number(Self.format(seconds[page]!)),
            ])
        }

        // Variables: answers, changes, and the time from the step before the first answer.
        var answers: [String: Int] = [:]
        var firstAnswered: [String: Date] = [:]
        var secondsOnItem: [String: Double] = [:]
        var previous = openedAt
        for step in steps {
            if let variable = step.variable {
                answers[variable, default: 0] += 1
                if firstAnswered[variable] == nil {
                    firstAnswered[variable] = step.at
                    secondsOnItem[variable] = max(0, step.at.timeIntervalSince(previous))
                }
            }
            previous = step.at
        }
        for variable in classifier.variables where answers[variable.name] != nil {
            let name = variable.name
            try items.write(identity + [
                .text(name), .number(String((classifier.pageOfVariable[name] ?? 0) + 1)), .number(String(answers[name]!)),
                .number(String(answers[name]! - 1)),
                .number(Self.format(firstAnswered[name]!.timeIntervalSince(openedAt))),
                .number(Self.format(secondsOnItem[name]!)),
            ])
        }
    }

    /// Seconds to the millisecond.
    static func format(_ seconds: Double) -> String {
        String(format: "%.3f", max(0, seconds))
    }
}
