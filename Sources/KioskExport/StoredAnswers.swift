import Foundation
import GRDB
import KioskCore

/// Reads stored answers fast: the `value` column holds JSON written by ``AnswerValue/json`` (a
/// number, a string, an array of codes, or `null`), and only strings with escapes need a JSON parser.
enum StoredAnswers {
    /// The current answers of an attempt, cleared ones left out.
    static func read(attemptID: Int64, _ db: Database) throws -> [String: AnswerValue] {
        var answers: [String: AnswerValue] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT variable, value FROM answer WHERE attempt_id = ? AND value != 'null'", arguments: [attemptID])
        while let row = try rows.next() {
            answers[row["variable"]] = try parse(row["value"])
        }
        return answers
    }

    /// One stored value.
    static func parse(_ json: String) throws -> AnswerValue {
        let utf8 = json.utf8
        guard let first = utf8.first else { return .cleared }
        switch first {
        case UInt8(ascii: "n"):
            return .cleared
        case UInt8(ascii: "\""):
            if !utf8.contains(UInt8(ascii: "\\")), utf8.count >= 2 {
                return .text(String(json.dropFirst().dropLast()))
            }
            return try AnswerValue(json: json)
        case UInt8(ascii: "["):
            let inner = json.dropFirst().dropLast()
            guard !inner.isEmpty else { return .codes([]) }
            var codes: [Int] = []
            for part in inner.split(separator: ",") {
                guard let code = Int(part) else { return try AnswerValue(json: json) }
                codes.append(code)
            }
            return .codes(codes)
        default:
            guard let number = Double(json) else { return try AnswerValue(json: json) }
            return .number(number)
        }
    }
}
