import KioskCore
import Testing

@Suite("Parsing skip rules")
struct RuleParserTests {
    @Test("builds the tree a rule describes")
    func buildsTree() throws {
        let rule = try RuleExpression(parsing: "${SQ05} = 2 and selected(${SQ07}, '4')")
        #expect(rule == .binary(
            .and,
            .binary(.equal, .reference("SQ05"), .number(2)),
            .call(.selected, [.reference("SQ07"), .string("4")])
        ))
    }

    @Test("binds operators as XPath 1.0 does, every level left-associative", arguments: [
        ("1 + 2 * 3", "(1 + (2 * 3))"),
        ("10 - 4 - 3", "((10 - 4) - 3)"),
        ("8 div 4 div 2", "((8 div 4) div 2)"),
        ("2 * 3 mod 4", "((2 * 3) mod 4)"),
        ("-3 mod 2", "(-3 mod 2)"),
        ("- -3", "--3"),
        ("1 < 2 < 3", "((1 < 2) < 3)"),
        ("1 = 2 < 3", "(1 = (2 < 3))"),
        ("1 != 2 = 3", "((1 != 2) = 3)"),
        ("1 + 1 >= 2", "((1 + 1) >= 2)"),
        ("true() or false() and true()", "(true() or (false() and true()))"),
        ("not(${a} = 1) or ${b} + ${c} > 5", "(not((${a} = 1)) or ((${b} + ${c}) > 5))"),
        ("(1 + 2) * 3", "((1 + 2) * 3)"),
        ("concat(\"it's\", 'x')", "concat(\"it's\", 'x')"),
        ("0.50 + .5 + 5.", "((0.5 + 0.5) + 5)"),
    ])
    func precedence(source: String, structure: String) throws {
        #expect(try RuleExpression(parsing: source).description == structure)
    }

    @Test("the written-back structure parses to the same tree")
    func descriptionRoundTrips() throws {
        let rule = try RuleExpression(parsing: "-${a} * 2 = 3 or selected(${b}, \"x\") and string-length('') > 0")
        #expect(try RuleExpression(parsing: rule.description) == rule)
    }

    @Test("locates errors to the character", arguments: [
        ("(1 + 2", RuleSyntaxError(.unclosedParenthesis, at: 0)),
        ("selected(${a}, '1'", RuleSyntaxError(.unclosedParenthesis, at: 8)),
        ("1 +", RuleSyntaxError(.missingOperand(found: nil), at: 3)),
        ("1 + )", RuleSyntaxError(.missingOperand(found: ")"), at: 4)),
        ("${a} ${b}", RuleSyntaxError(.missingOperator(found: "${b}"), at: 5)),
        ("${a} = 1 und 2", RuleSyntaxError(.missingOperator(found: "und"), at: 9)),
        ("1)", RuleSyntaxError(.unmatchedClosingParenthesis, at: 1)),
        ("'abc", RuleSyntaxError(.unterminatedString, at: 0)),
        ("1 = ${a", RuleSyntaxError(.unterminatedReference, at: 4)),
        ("${a b}", RuleSyntaxError(.invalidReferenceName("a b"), at: 2)),
        ("./x = 1", RuleSyntaxError(.unsupportedPath("."), at: 0)),
        ("$x", RuleSyntaxError(.unsupportedPath("$x"), at: 0)),
        ("${a} = yes", RuleSyntaxError(.bareName("yes"), at: 7)),
        ("foo(1)", RuleSyntaxError(.unknownFunction("foo"), at: 0)),
        ("1 + round(1, 2)", RuleSyntaxError(.wrongArgumentCount(.round, found: 2), at: 4)),
        ("contains('a' 'b')", RuleSyntaxError(.missingArgumentSeparator(found: "'b'"), at: 13)),
        ("1, 2", RuleSyntaxError(.unexpectedToken(","), at: 1)),
        ("${a}（", RuleSyntaxError(.unexpectedCharacter("（"), at: 4)),
        ("'学生' = 1 )", RuleSyntaxError(.unmatchedClosingParenthesis, at: 9)),
        (" \t", RuleSyntaxError(.emptyRule, at: 0)),
    ])
    func errorOffsets(source: String, expected: RuleSyntaxError) {
        #expect(throws: expected) { try RuleExpression(parsing: source) }
    }

    @Test("explains errors in Chinese and English")
    func bilingualMessages() {
        let unclosed = RuleSyntaxError(.unclosedParenthesis, at: 0)
        #expect(unclosed.code == "unclosed_parenthesis")
        #expect(unclosed.chineseMessage == "括号“(”没有闭合")
        #expect(unclosed.englishMessage == "'(' is never closed")
        #expect(unclosed.description == "'(' is never closed (at character 0)")

        let fullWidth = RuleSyntaxError(.unexpectedCharacter("（"), at: 4)
        #expect(fullWidth.chineseMessage == "无法识别的字符“（”（U+FF08），请改用半角（英文）符号")
        #expect(fullWidth.englishMessage == "unexpected character '（' (U+FF08); type it in half-width (ASCII) form")

        let oneArgument = RuleSyntaxError(.wrongArgumentCount(.not, found: 0), at: 0)
        #expect(oneArgument.englishMessage == "not() takes 1 argument, found 0")
        let atLeast = RuleSyntaxError(.wrongArgumentCount(.concat, found: 0), at: 0)
        #expect(atLeast.chineseMessage == "函数 concat() 至少需要 1 个参数，实际为 0 个")
        #expect(atLeast.englishMessage == "concat() takes at least 1 argument, found 0")

        let quote = RuleSyntaxError(.missingOperator(found: "'x'"), at: 2)
        #expect(quote.englishMessage == "expected an operator (such as and, or, =, +) before \"'x'\"")
    }

    @Test("every reason has its own code and both messages")
    func everyReasonIsExplained() {
        let reasons: [RuleSyntaxError.Reason] = [
            .emptyRule, .unexpectedCharacter("&"), .unterminatedString, .unterminatedReference,
            .invalidReferenceName("1a"), .unsupportedPath("/"), .bareName("yes"),
            .missingOperand(found: nil), .missingOperand(found: ")"), .missingOperator(found: "2"),
            .unexpectedToken(","), .unmatchedClosingParenthesis, .unclosedParenthesis,
            .missingArgumentSeparator(found: "2"), .unknownFunction("foo"),
            .wrongArgumentCount(.selected, found: 1),
        ]
        let errors = reasons.map { RuleSyntaxError($0, at: 0) }
        let missingOperandTwice = 1
        #expect(Set(errors.map(\.code)).count == reasons.count - missingOperandTwice)
        for error in errors {
            #expect(!error.chineseMessage.isEmpty && !error.englishMessage.isEmpty, "\(error.code)")
        }
    }

    @Test("knows every function's arity", arguments: RuleFunction.allCases)
    func arity(function: RuleFunction) throws {
        let count: Int
        switch function.arity {
        case .exactly(let expected): count = expected
        case .atLeast(let minimum): count = minimum
        }
        let arguments = Array(repeating: "1", count: count).joined(separator: ", ")
        #expect(try RuleExpression(parsing: "\(function.rawValue)(\(arguments))") == .call(
            function, Array(repeating: .number(1), count: count)
        ))
        let tooMany = Array(repeating: "1", count: count + 1).joined(separator: ", ")
        if case .exactly = function.arity {
            #expect(throws: RuleSyntaxError(.wrongArgumentCount(function, found: count + 1), at: 0)) {
                try RuleExpression(parsing: "\(function.rawValue)(\(tooMany))")
            }
        }
    }
}
