import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// Seeded random input for the rule parser and the instrument reader: thousands of cases, the same
/// on every run; each must be read or refused with a diagnostic, never crash.
@Suite struct ParserFuzzTests {
    static let ruleAlphabet = [
        "${S1Q01}", "${a}", "${", "}", "(", ")", " ", "and", "or", "not(", "=", "!=", ">=", "<", "+", "-", "*", "div", "mod",
        "'", "'是'", "\"", "1", "2.5", "-7", "selected(", "count-selected(", ",", "string-length(", "round(", "if(",
        "true()", "false()", ".", "$", "（", "\u{0}", "\\", "\n", "1e308", "99999999999999999999", "coalesce(",
    ]

    @Test func randomRulesAreParsedOrRefusedAndNeverCrashTheEvaluator() {
        var random = SeededRandom(seed: 20261123)
        var parsed = 0
        for _ in 0..<5000 {
            let source = random.string(from: Self.ruleAlphabet, length: Int.random(in: 0...14, using: &random))
            do {
                let rule = try RuleExpression(parsing: source)
                parsed += 1
                let answers: [String: RuleValue] = [
                    "S1Q01": random.pick([.missing, .number(2), .text("是"), .selection([1, 2])]),
                    "a": random.pick([.missing, .number(-1), .number(1e308), .text(""), .selection([])]),
                ]
                _ = rule.evaluate(answers: answers)
                _ = rule.referencedNames
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
        #expect(parsed > 100, "the generator hardly ever makes a valid rule: it tests too little")
    }

    @Test func mutatedInstrumentsAreReadOrRefusedWithAPath() throws {
        let original = try Data(contentsOf: AnsweringFixture.demoFolder.appendingPathComponent("instruments/G4-STU-1.json"))
        let document = try JSONSerialization.jsonObject(with: original)
        var random = SeededRandom(seed: 8)
        var refused = 0
        for _ in 0..<250 {
            var mutated = document
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                mutated = Self.mutate(mutated, depth: 0, random: &random)
            }
            guard JSONSerialization.isValidJSONObject(mutated),
                  let data = try? JSONSerialization.data(withJSONObject: mutated) else { continue }
            do {
                _ = try JSONDecoder().decode(Instrument.self, from: data)
            } catch let DecodingError.dataCorrupted(context) {
                refused += 1
                #expect(context.debugDescription.hasPrefix("$"), "a refusal without its JSON path: \(context.debugDescription)")
            }
        }
        #expect(refused > 50, "the mutations hardly ever break the instrument: they test too little")
        let truncated = original.prefix(Int.random(in: 1..<original.count, using: &random))
        #expect(throws: (any Error).self) { try JSONDecoder().decode(Instrument.self, from: truncated) }
    }

    /// One random change somewhere in the JSON: a field removed, a value of another type, an
    /// element duplicated or dropped.
    static func mutate(_ value: Any, depth: Int, random: inout SeededRandom) -> Any {
        let replacements: [Any] = [NSNull(), 0, -1, 1e300, "", "x", "\u{202E}名", [Any](), [String: Any](), true, Array(repeating: 1, count: 50)]
        if var object = value as? [String: Any], !object.isEmpty {
            let key = random.pick(object.keys.sorted())
            switch Int.random(in: 0..<4, using: &random) {
            case 0: object[key] = nil
            case 1: object[key] = random.pick(replacements)
            default: object[key] = mutate(object[key]!, depth: depth + 1, random: &random)
            }
            return object
        }
        if var array = value as? [Any], !array.isEmpty {
            let index = Int.random(in: 0..<array.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: array.remove(at: index)
            case 1: array.append(array[index])
            default: array[index] = mutate(array[index], depth: depth + 1, random: &random)
            }
            return array
        }
        return depth > 0 && Bool.random(using: &random) ? random.pick(replacements) : value
    }
}
