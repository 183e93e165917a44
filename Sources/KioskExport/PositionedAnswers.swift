import Foundation
import GRDB
import GRDBSQLite
import KioskCore

/// Reads an attempt's current answers into the positions of an instrument's variables, straight
/// from the bytes SQLite holds: rows come in the answer key's order (attempt, then variable by
/// byte), so each name is matched by walking the instrument's names sorted the same way, and no
/// string is made for it.
struct PositionedAnswers {
    /// The variables' names as UTF-8 in byte order, each with its position in the instrument.
    private let namesInKeyOrder: [(name: [UInt8], position: Int)]
    /// How many variables the instrument has.
    let count: Int

    init(variables: [AnswerVariable]) {
        namesInKeyOrder = variables.enumerated()
            .map { (name: Array($1.name.utf8), position: $0) }
            .sorted { $0.name.lexicographicallyPrecedes($1.name) }
        count = variables.count
    }

    /// The attempt's answers by position; nil where there is none or it was cleared. An answer to
    /// a name the instrument does not have is left out.
    func read(attemptID: Int64, _ db: Database) throws -> [AnswerValue?] {
        var answers = [AnswerValue?](repeating: nil, count: count)
        let statement = try db.cachedStatement(
            sql: "SELECT variable, value FROM answer WHERE attempt_id = ? AND value != 'null' ORDER BY variable")
        let rows = try Row.fetchCursor(statement, arguments: [attemptID])
        let sqlite = statement.sqliteStatement
        var next = 0
        while try rows.next() != nil {
            let name = Self.bytes(sqlite, column: 0)
            while next < namesInKeyOrder.count, namesInKeyOrder[next].name.lexicographicallyPrecedes(name) { next += 1 }
            guard next < namesInKeyOrder.count, namesInKeyOrder[next].name.elementsEqual(name) else { continue }
            answers[namesInKeyOrder[next].position] = try AnswerValue(json: Self.bytes(sqlite, column: 1))
        }
        return answers
    }

    /// The text in `column` of the current row, where SQLite holds it (valid until the next step).
    private static func bytes(_ statement: SQLiteStatement, column: Int32) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: sqlite3_column_text(statement, column), count: Int(sqlite3_column_bytes(statement, column)))
    }
}
