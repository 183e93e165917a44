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

    /// A page turn or an answer, at milliseconds since 1970.
    private struct Step {
        enum Kind {
            case pageTurn(page: Int)
            /// The position of the variable in its instrument (nil for one it does not have).
            case answer(variable: Int?)
        }

        var at: Int64
        var kind: Kind
    }

    /// An attempt's identity and span, as the attempts query reads it.
    private struct Attempt {
        var id: Int64
        var openedAt: Int64
        /// Submitted, timed out or last seen, if any.
        var endedAt: Int64?
    }

    func write(pages: CSVWriter, items: CSVWriter, _ db: Database) throws {
        try pages.writeHeader(Self.pagesHeader)
        try items.writeHeader(Self.itemsHeader)
        var sql = """
            SELECT a.id, \(InstantSQL.milliseconds("a.opened_at")),
                   \(InstantSQL.milliseconds("COALESCE(a.submitted_at, a.timed_out_at, a.last_seen_at)")),
                   a.participant_id, a.session_id, a.instrument_id
            FROM attempt a JOIN session s ON s.id = a.session_id JOIN participant p ON p.id = a.participant_id
            WHERE a.opened_at IS NOT NULL AND NOT s.practice
            """
        var arguments: StatementArguments = []
        if let sessionID {
            sql += " AND a.session_id = ?"
            arguments += [sessionID]
        }
        sql += " ORDER BY s.position, p.position"
        let attempts = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try attempts.next() {
            let instrumentID: String = row[5]
            guard let classifier = instruments[instrumentID] else { continue }
            let identity = CSVWriter.encode(texts: [row[3], row[4], instrumentID])
            let attempt = Attempt(id: row[0], openedAt: row[1], endedAt: row[2])
            let steps = try self.steps(of: attempt, classifier: classifier, db)
            try writePages(attempt, steps, identity: identity, to: pages)
            try writeVariables(attempt, steps, identity: identity, classifier: classifier, to: items)
        }
    }

    /// The attempt's page turns and answers in time order.
    private func steps(of attempt: Attempt, classifier: ResponseClassifier, _ db: Database) throws -> [Step] {
        var steps: [Step] = []
        let turns = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT position, \(InstantSQL.milliseconds("COALESCE(client_time, server_time)"))
            FROM page_event WHERE attempt_id = ? ORDER BY id
            """), arguments: [attempt.id])
        while let row = try turns.next() {
            steps.append(Step(at: row[1], kind: .pageTurn(page: row[0])))
        }
        let answers = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT variable, \(InstantSQL.milliseconds("COALESCE(client_time, server_time)"))
            FROM answer_event WHERE attempt_id = ? ORDER BY seq
            """), arguments: [attempt.id])
        while let row = try answers.next() {
            steps.append(Step(at: row[1], kind: .answer(variable: classifier.positions[row[0]])))
        }
        steps.sort { $0.at < $1.at }
        return steps
    }

    /// Pages: each visit lasts until the next page turn, or the end of the attempt.
    private func writePages(_ attempt: Attempt, _ steps: [Step], identity: CSVWriter.EncodedFields, to pages: CSVWriter) throws {
        let end = attempt.endedAt ?? steps.last?.at ?? attempt.openedAt
        let turns: [(at: Int64, page: Int)] = steps.compactMap { step in
            if case .pageTurn(let page) = step.kind { (step.at, page) } else { nil }
        }
        var visits: [Int: Int] = [:]
        var milliseconds: [Int: Int64] = [:]
        for (index, turn) in turns.enumerated() {
            let until = index + 1 < turns.count ? turns[index + 1].at : end
            visits[turn.page, default: 0] += 1
            milliseconds[turn.page, default: 0] += max(0, until - turn.at)
        }
        for page in visits.keys.sorted() {
            pages.fields(identity)
            pages.integer(Int64(page + 1))
            pages.integer(Int64(visits[page]!))
            pages.integer(Int64(visits[page]! - 1))
            pages.seconds(milliseconds: milliseconds[page]!)
            try pages.endRow()
        }
    }

    /// Variables: answers, changes, and the time from the step before the first answer.
    private func writeVariables(
        _ attempt: Attempt, _ steps: [Step], identity: CSVWriter.EncodedFields, classifier: ResponseClassifier, to items: CSVWriter
    ) throws {
        let count = classifier.variables.count
        var answers = [Int](repeating: 0, count: count)
        var firstAnswered = [Int64](repeating: 0, count: count)
        var onItem = [Int64](repeating: 0, count: count)
        var previous = attempt.openedAt
        for step in steps {
            if case .answer(let variable?) = step.kind {
                if answers[variable] == 0 {
                    firstAnswered[variable] = step.at
                    onItem[variable] = max(0, step.at - previous)
                }
                answers[variable] += 1
            }
            previous = step.at
        }
        for variable in classifier.variables.indices where answers[variable] > 0 {
            items.fields(identity)
            items.text(classifier.variables[variable].name)
            items.integer(Int64(classifier.pages[variable] + 1))
            items.integer(Int64(answers[variable]))
            items.integer(Int64(answers[variable] - 1))
            items.seconds(milliseconds: max(0, firstAnswered[variable] - attempt.openedAt))
            items.seconds(milliseconds: onItem[variable])
            try items.endRow()
        }
    }
}
