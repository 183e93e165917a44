/// Reads a skip rule's text one token at a time, as the parser asks for them.
///
/// Follows XPath 1.0's lexical structure (section 3.7): whitespace (space, tab, CR, LF) separates
/// tokens, and after a value a name is read as an operator name (`and`, `or`, `div`, `mod`) and `*`
/// as multiplication. Everything that would start a location path is refused with a clear error,
/// since rules refer to answers only as `${NAME}`.
struct RuleLexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var previousEndsOperand = false

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    mutating func nextToken() throws(RuleSyntaxError) -> RuleToken {
        skipWhitespace()
        let start = position
        let kind = try readKind()
        let token = RuleToken(kind: kind, text: text(from: start), offset: start)
        previousEndsOperand = token.endsOperand
        return token
    }

    private mutating func readKind() throws(RuleSyntaxError) -> RuleToken.Kind {
        let start = position
        guard let scalar = scalar(at: position) else { return .end }
        position += 1
        switch scalar {
        case "(": return .leftParenthesis
        case ")": return .rightParenthesis
        case ",": return .comma
        case "=": return .binaryOperator(.equal)
        case "+": return .binaryOperator(.add)
        case "-": return .binaryOperator(.subtract)
        case "<": return .binaryOperator(consume("=") ? .lessOrEqual : .less)
        case ">": return .binaryOperator(consume("=") ? .greaterOrEqual : .greater)
        case "!":
            guard consume("=") else { throw RuleSyntaxError(.unexpectedCharacter(scalar), at: start) }
            return .binaryOperator(.notEqual)
        case "*":
            guard previousEndsOperand else { throw RuleSyntaxError(.unsupportedPath("*"), at: start) }
            return .binaryOperator(.multiply)
        case "'", "\"":
            return try readString(closingWith: scalar, from: start)
        case "$":
            return try readReference(from: start)
        case "0"..."9":
            return readNumber(from: start)
        case ".":
            if let next = self.scalar(at: position), next.isXPathDigit { return readNumber(from: start) }
            _ = consume(".")
            throw RuleSyntaxError(.unsupportedPath(text(from: start)), at: start)
        case "/":
            _ = consume("/")
            throw RuleSyntaxError(.unsupportedPath(text(from: start)), at: start)
        case "@", "[", "]", "|":
            throw RuleSyntaxError(.unsupportedPath(text(from: start)), at: start)
        case _ where scalar.isNameStart:
            return try readName(from: start)
        default:
            throw RuleSyntaxError(.unexpectedCharacter(scalar), at: start)
        }
    }

    /// `'...'` or `"..."`: XPath literals have no escapes, so the text runs to the next same quote.
    private mutating func readString(closingWith quote: Unicode.Scalar, from start: Int) throws(RuleSyntaxError) -> RuleToken.Kind {
        guard let closing = scalars[position...].firstIndex(of: quote) else {
            throw RuleSyntaxError(.unterminatedString, at: start)
        }
        let content = Self.string(scalars[position..<closing])
        position = closing + 1
        return .string(content)
    }

    /// `${NAME}`, where NAME is an item name; a `$` without `{` is an XPath variable, not supported.
    private mutating func readReference(from start: Int) throws(RuleSyntaxError) -> RuleToken.Kind {
        guard consume("{") else {
            while let scalar = scalar(at: position), scalar.isNameCharacter { position += 1 }
            throw RuleSyntaxError(.unsupportedPath(text(from: start)), at: start)
        }
        guard let closing = scalars[position...].firstIndex(where: { $0 == "}" || $0 == "$" }),
              scalars[closing] == "}"
        else {
            throw RuleSyntaxError(.unterminatedReference, at: start)
        }
        let name = Self.string(scalars[position..<closing])
        guard name.unicodeScalars.first?.isASCIILetter == true,
              name.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isXPathDigit || $0 == "_" })
        else {
            throw RuleSyntaxError(.invalidReferenceName(name), at: position)
        }
        position = closing + 1
        return .reference(name)
    }

    /// XPath's Number: `Digits ('.' Digits?)?` or `'.' Digits`. No sign, no exponent.
    private mutating func readNumber(from start: Int) -> RuleToken.Kind {
        while let scalar = scalar(at: position), scalar.isXPathDigit { position += 1 }
        if consume(".") {
            while let scalar = scalar(at: position), scalar.isXPathDigit { position += 1 }
        }
        return .number(Double(xpathNumber: text(from: start)))
    }

    /// A name is an operator after a value, a function name before `(`, and an error anywhere else.
    private mutating func readName(from start: Int) throws(RuleSyntaxError) -> RuleToken.Kind {
        while let scalar = scalar(at: position), scalar.isNameCharacter { position += 1 }
        if scalar(at: position) == ":", let next = scalar(at: position + 1), next.isNameStart {
            position += 1
            while let scalar = scalar(at: position), scalar.isNameCharacter { position += 1 }
        }
        let name = text(from: start)
        let operatorName = BinaryOperator(rawValue: name)
        if previousEndsOperand {
            guard let operatorName else { throw RuleSyntaxError(.missingOperator(found: name), at: start) }
            return .binaryOperator(operatorName)
        }
        if nextNonWhitespace(from: position) == "(" {
            return .functionName(name)
        }
        if operatorName != nil {
            throw RuleSyntaxError(.missingOperand(found: name), at: start)
        }
        throw RuleSyntaxError(.bareName(name), at: start)
    }

    private mutating func skipWhitespace() {
        while let scalar = scalar(at: position), scalar.isXPathWhitespace { position += 1 }
    }

    private mutating func consume(_ expected: Unicode.Scalar) -> Bool {
        guard scalar(at: position) == expected else { return false }
        position += 1
        return true
    }

    private func scalar(at index: Int) -> Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    private func nextNonWhitespace(from index: Int) -> Unicode.Scalar? {
        scalars[index...].first { !$0.isXPathWhitespace }
    }

    private func text(from start: Int) -> String {
        Self.string(scalars[start..<position])
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

extension Unicode.Scalar {
    /// XPath 1.0's `S`: space, tab, carriage return, line feed. Nothing else separates tokens.
    var isXPathWhitespace: Bool {
        self == " " || self == "\t" || self == "\r" || self == "\n"
    }

    var isXPathDigit: Bool {
        ("0"..."9").contains(self)
    }

    fileprivate var isASCIILetter: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self)
    }

    /// Function and operator names start with an ASCII letter or `_`.
    fileprivate var isNameStart: Bool {
        isASCIILetter || self == "_"
    }

    /// After their first character, names may also hold digits, `-` and `.` (`count-selected`).
    fileprivate var isNameCharacter: Bool {
        isNameStart || isXPathDigit || self == "-" || self == "."
    }
}
