@testable import KioskCore
import Testing

@Suite("Evaluating skip rules")
struct RuleEvaluationTests {
    @Test("lists the names a rule reads, once each, in order of appearance")
    func referencedNames() throws {
        let rule = try RuleExpression(
            parsing: "${SQ10} + ${SQ11} > 5 or not(${SQ09} = 1) and -${SQ10} < count-selected(${SQ07})"
        )
        #expect(rule.referencedNames == ["SQ10", "SQ11", "SQ09", "SQ07"])
        #expect(try RuleExpression(parsing: "1 = 1 and 'x' != '${y}'").referencedNames == [])
    }

    @Test("reads answers through a lookup, unknown names as unanswered")
    func lookup() throws {
        let rule = try RuleExpression(parsing: "${SQ05} = 2 and selected(${SQ07}, '4') and ${T1} = 3")
        var asked: [String] = []
        let holds = rule.evaluate { name in
            asked.append(name)
            switch name {
            case "SQ05": return .number(2)
            case "SQ07": return .selection([1, 4])
            case "T1": return .text("03")
            default: return .missing
            }
        }
        #expect(holds)
        #expect(asked == ["SQ05", "SQ07", "T1"])
        #expect(!rule.evaluate(answers: ["SQ05": .number(2), "SQ07": .selection([1, 4])]))
    }

    @Test("reads each kind of answer as its XPath text")
    func answerText() {
        #expect(RuleValue.missing.xpathString == "")
        #expect(RuleValue.number(2).xpathString == "2")
        #expect(RuleValue.number(-2.5).xpathString == "-2.5")
        #expect(RuleValue.text(" 03 ").xpathString == " 03 ")
        #expect(RuleValue.selection([1, 3, 4]).xpathString == "1 3 4")
        #expect(RuleValue.selection([]).xpathString == "")
    }

    @Test("writes numbers the XPath way", arguments: [
        (0.0, "0"), (-0.0, "0"), (2, "2"), (-2.5, "-2.5"), (0.1 + 0.2, "0.30000000000000004"),
        (1e21, "1000000000000000000000"), (1.5e-7, "0.00000015"), (123456789.125, "123456789.125"),
        (Double.nan, "NaN"), (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"),
        (Double.leastNonzeroMagnitude, "0." + String(repeating: "0", count: 323) + "5"),
        (-7, "-7"), (9_007_199_254_740_991, "9007199254740991"), (9_007_199_254_740_992, "9007199254740992"),
        (-9_007_199_254_740_993, "-9007199254740992"), (1e15, "1000000000000000"),
    ])
    func numberToString(number: Double, text: String) {
        #expect(number.xpathString == text)
    }

    @Test("reads numbers the XPath way", arguments: [
        ("12", 12.0), (" -0.5\n", -0.5), (".5", 0.5), ("5.", 5), ("007", 7), ("-007", -7), ("-12", -12),
        ("999999999999999", 999_999_999_999_999), ("1234567890123456789", 1_234_567_890_123_456_789),
        ("", .nan), (" ", .nan), ("-", .nan), (".", .nan), ("+1", .nan), ("1e3", .nan),
        ("Infinity", .nan), ("1 2", .nan), ("0x1A", .nan), ("\u{A0}1", .nan), ("１", .nan),
    ])
    func stringToNumber(text: String, number: Double) {
        let parsed = Double(xpathNumber: text)
        #expect(parsed == number || (parsed.isNaN && number.isNaN), "number('\(text)')")
    }

    @Test("keeps the sign of a negative zero it reads")
    func negativeZero() {
        #expect(Double(xpathNumber: "-0").sign == .minus)
        #expect(Double(xpathNumber: "-000").sign == .minus)
        #expect(Double(xpathNumber: "0").sign == .plus)
    }

    @Test("writes and reads whole numbers as the general way does")
    func wholeNumberRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let whole = Int64.random(in: -(1 << 54) ... (1 << 54), using: &generator)
            let number = Double(whole)
            let text = number.xpathString
            #expect(text == (number == 0 ? "0" : String(Int64(number))), "\(number) written as \(text)")
            #expect(Double(xpathNumber: text) == number, "\(number) written as \(text)")
        }
    }

    @Test("writes every finite number in a form it reads back exactly")
    func numberRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let number = Double(bitPattern: generator.next())
            guard number.isFinite else { continue }
            let text = number.xpathString
            #expect(!text.contains("e"), "\(number) written as \(text)")
            #expect(Double(xpathNumber: text) == number, "\(number) written as \(text)")
        }
    }
}
