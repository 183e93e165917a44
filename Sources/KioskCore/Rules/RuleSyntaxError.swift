/// Why a skip rule could not be read, and where.
///
/// ``offset`` counts Unicode scalars from the start of the rule (0 is its first character); an error
/// at the end of the rule has the rule's length as its offset. ``code`` is stable for programs; the
/// messages are for the questionnaire author, in Chinese and in English.
public struct RuleSyntaxError: Error, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// The rule is empty or only whitespace.
        case emptyRule
        /// A character no token starts with (full-width punctuation, for example).
        case unexpectedCharacter(Unicode.Scalar)
        /// A quoted text without its closing quote; the offset is the opening quote's.
        case unterminatedString
        /// `${` without its closing `}`; the offset is the `$`'s.
        case unterminatedReference
        /// `${...}` around something that is not an item name.
        case invalidReferenceName(String)
        /// XPath location paths and their pieces (`.`, `/`, `@`, `[`, `*`, `$var`, ...): rules refer
        /// to answers only as `${NAME}`.
        case unsupportedPath(String)
        /// A name that is neither a function call nor an operator, like `yes` in `${a} = yes`.
        case bareName(String)
        /// A value was expected; `found` is the token there, or `nil` at the end of the rule.
        case missingOperand(found: String?)
        /// Two values in a row, such as `1 2` or `${a} ${b}`; `found` is the second one.
        case missingOperator(found: String)
        /// A token that has no place here, such as a `,` outside a function call.
        case unexpectedToken(String)
        /// A `)` with no `(` before it.
        case unmatchedClosingParenthesis
        /// A `(` never closed; the offset is the `(`'s.
        case unclosedParenthesis
        /// Inside a call's parentheses, something other than `,` or `)` after an argument.
        case missingArgumentSeparator(found: String)
        /// A call to a function the rule language does not have; the offset is the name's.
        case unknownFunction(String)
        /// A call with too few or too many arguments; the offset is the function name's.
        case wrongArgumentCount(RuleFunction, found: Int)
    }

    public let reason: Reason
    public let offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// A stable identifier of the reason, e.g. `unclosed_parenthesis`, shared with `rules.js`.
    public var code: String {
        switch reason {
        case .emptyRule: return "empty_rule"
        case .unexpectedCharacter: return "unexpected_character"
        case .unterminatedString: return "unterminated_string"
        case .unterminatedReference: return "unterminated_reference"
        case .invalidReferenceName: return "invalid_reference_name"
        case .unsupportedPath: return "unsupported_path"
        case .bareName: return "bare_name"
        case .missingOperand: return "missing_operand"
        case .missingOperator: return "missing_operator"
        case .unexpectedToken: return "unexpected_token"
        case .unmatchedClosingParenthesis: return "unmatched_closing_parenthesis"
        case .unclosedParenthesis: return "unclosed_parenthesis"
        case .missingArgumentSeparator: return "missing_argument_separator"
        case .unknownFunction: return "unknown_function"
        case .wrongArgumentCount: return "wrong_argument_count"
        }
    }

    /// The message in Simplified Chinese (zh-CN).
    public var chineseMessage: String {
        switch reason {
        case .emptyRule:
            return "规则为空"
        case .unexpectedCharacter(let scalar):
            let hint = scalar.isFullWidthPunctuation ? "，请改用半角（英文）符号" : ""
            return "无法识别的字符“\(scalar)”（\(scalar.codePointLabel)）\(hint)"
        case .unterminatedString:
            return "文字缺少结尾的引号"
        case .unterminatedReference:
            return "“${”缺少结尾的“}”"
        case .invalidReferenceName(let name):
            return "“${\(name)}”中的题目名无效：题目名只能由字母、数字和下划线组成，并以字母开头"
        case .unsupportedPath(let text):
            return "不支持 XPath 路径写法“\(text)”：引用题目的答案请写 ${题目名}"
        case .bareName(let name):
            return "“\(name)”既不是函数也不是文字：引用题目的答案请写 ${\(name)}，文字请加引号 '\(name)'"
        case .missingOperand(found: nil):
            return "规则不完整：结尾处缺少数值、文字、${题目名}或函数"
        case .missingOperand(found: let found?):
            return "此处应为数值、文字、${题目名}或函数，而不是“\(found)”"
        case .missingOperator(let found):
            return "“\(found)”前缺少运算符（如 and、or、=、+）"
        case .unexpectedToken(let text):
            return "此处不应出现“\(text)”"
        case .unmatchedClosingParenthesis:
            return "多余的右括号“)”：前面没有对应的“(”"
        case .unclosedParenthesis:
            return "括号“(”没有闭合"
        case .missingArgumentSeparator(let found):
            return "函数参数之间应为“,”，参数结束应为“)”，而不是“\(found)”"
        case .unknownFunction(let name):
            return "未知函数“\(name)()”"
        case .wrongArgumentCount(let function, let found):
            let expected: String
            switch function.arity {
            case .exactly(let count): expected = "需要 \(count) 个参数"
            case .atLeast(let count): expected = "至少需要 \(count) 个参数"
            }
            return "函数 \(function.rawValue)() \(expected)，实际为 \(found) 个"
        }
    }

    /// The message in English.
    public var englishMessage: String {
        switch reason {
        case .emptyRule:
            return "the rule is empty"
        case .unexpectedCharacter(let scalar):
            let hint = scalar.isFullWidthPunctuation ? "; type it in half-width (ASCII) form" : ""
            return "unexpected character \(quoted(String(scalar))) (\(scalar.codePointLabel))\(hint)"
        case .unterminatedString:
            return "the quoted text is never closed"
        case .unterminatedReference:
            return "'${' is never closed with '}'"
        case .invalidReferenceName(let name):
            return "\(quoted("${\(name)}")) does not name an item: names use letters, digits and '_', starting with a letter"
        case .unsupportedPath(let text):
            return "XPath paths such as \(quoted(text)) are not supported: refer to an item's answer as ${NAME}"
        case .bareName(let name):
            return "\(quoted(name)) is neither a function call nor text: write ${\(name)} for an item's answer or '\(name)' for text"
        case .missingOperand(found: nil):
            return "the rule ends where a number, quoted text, ${NAME} or function call was expected"
        case .missingOperand(found: let found?):
            return "expected a number, quoted text, ${NAME} or function call, found \(quoted(found))"
        case .missingOperator(let found):
            return "expected an operator (such as and, or, =, +) before \(quoted(found))"
        case .unexpectedToken(let text):
            return "unexpected \(quoted(text))"
        case .unmatchedClosingParenthesis:
            return "')' has no matching '('"
        case .unclosedParenthesis:
            return "'(' is never closed"
        case .missingArgumentSeparator(let found):
            return "expected ',' between arguments or ')' after them, found \(quoted(found))"
        case .unknownFunction(let name):
            return "unknown function \(quoted(name + "()"))"
        case .wrongArgumentCount(let function, let found):
            let expected: String
            switch function.arity {
            case .exactly(let count): expected = count == 1 ? "1 argument" : "\(count) arguments"
            case .atLeast(let count): expected = count == 1 ? "at least 1 argument" : "at least \(count) arguments"
            }
            return "\(function.rawValue)() takes \(expected), found \(found)"
        }
    }
}

/// Rule text quoted for an English message: in single quotes, or in double quotes when it holds one.
private func quoted(_ text: String) -> String {
    text.contains("'") ? "\"\(text)\"" : "'\(text)'"
}

extension RuleSyntaxError: CustomStringConvertible {
    public var description: String {
        "\(englishMessage) (at character \(offset))"
    }
}

extension Unicode.Scalar {
    /// Punctuation that a Chinese input method types in place of its ASCII twin: full-width forms,
    /// the ideographic space, comma and full stop, and curly quotes.
    fileprivate var isFullWidthPunctuation: Bool {
        switch value {
        case 0xFF01...0xFF5E, 0x3000...0x3002, 0x2018...0x201D: return true
        default: return false
        }
    }

    /// `U+FF08`: names the character even when it is invisible.
    fileprivate var codePointLabel: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
