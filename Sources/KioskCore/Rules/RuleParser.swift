extension RuleExpression {
    /// Parses a skip rule, or throws the first error in it, located to the character.
    ///
    ///     let rule = try RuleExpression(parsing: "${SQ05} = 2 and selected(${SQ07}, '4')")
    public init(parsing source: String) throws(RuleSyntaxError) {
        var parser = try RuleParser(source)
        self = try parser.parseRule()
    }
}

/// A recursive-descent parser for XPath 1.0 expressions without location paths.
///
///     Rule     ::= Expr End
///     Expr     ::= Unary (BinaryOperator Unary)*        (by precedence climbing, left-associative)
///     Unary    ::= '-' Unary | Primary
///     Primary  ::= Number | Literal | '${' Name '}' | '(' Expr ')' | FunctionName '(' Arguments? ')'
struct RuleParser {
    private var lexer: RuleLexer
    private var current: RuleToken

    init(_ source: String) throws(RuleSyntaxError) {
        lexer = RuleLexer(source)
        current = try lexer.nextToken()
    }

    mutating func parseRule() throws(RuleSyntaxError) -> RuleExpression {
        if current.kind == .end {
            throw RuleSyntaxError(.emptyRule, at: 0)
        }
        let expression = try parseExpression()
        switch current.kind {
        case .end:
            return expression
        case .rightParenthesis:
            throw RuleSyntaxError(.unmatchedClosingParenthesis, at: current.offset)
        case .comma:
            throw RuleSyntaxError(.unexpectedToken(current.text), at: current.offset)
        default:
            throw RuleSyntaxError(.missingOperator(found: current.text), at: current.offset)
        }
    }

    /// Parses operands joined by operators that bind at least as tightly as `minimumPrecedence`.
    private mutating func parseExpression(minimumPrecedence: Int = 0) throws(RuleSyntaxError) -> RuleExpression {
        var left = try parseUnary()
        while case .binaryOperator(let binaryOperator) = current.kind,
              binaryOperator.precedence >= minimumPrecedence {
            try advance()
            let right = try parseExpression(minimumPrecedence: binaryOperator.precedence + 1)
            left = .binary(binaryOperator, left, right)
        }
        return left
    }

    private mutating func parseUnary() throws(RuleSyntaxError) -> RuleExpression {
        if current.kind == .binaryOperator(.subtract) {
            try advance()
            return .negation(try parseUnary())
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(RuleSyntaxError) -> RuleExpression {
        let token = current
        switch token.kind {
        case .number(let value):
            try advance()
            return .number(value)
        case .string(let text):
            try advance()
            return .string(text)
        case .reference(let name):
            try advance()
            return .reference(name)
        case .leftParenthesis:
            try advance()
            let inner = try parseExpression()
            try expectClosingParenthesis(openedAt: token.offset)
            return inner
        case .functionName(let name):
            return try parseCall(named: name, at: token.offset)
        case .end:
            throw RuleSyntaxError(.missingOperand(found: nil), at: token.offset)
        case .binaryOperator, .rightParenthesis, .comma:
            throw RuleSyntaxError(.missingOperand(found: token.text), at: token.offset)
        }
    }

    private mutating func parseCall(named name: String, at offset: Int) throws(RuleSyntaxError) -> RuleExpression {
        guard let function = RuleFunction(rawValue: name) else {
            throw RuleSyntaxError(.unknownFunction(name), at: offset)
        }
        try advance()
        let openingOffset = current.offset
        try advance()
        var arguments: [RuleExpression] = []
        if current.kind != .rightParenthesis {
            arguments.append(try parseExpression())
            while current.kind == .comma {
                try advance()
                arguments.append(try parseExpression())
            }
        }
        switch current.kind {
        case .rightParenthesis:
            try advance()
        case .end:
            throw RuleSyntaxError(.unclosedParenthesis, at: openingOffset)
        default:
            throw RuleSyntaxError(.missingArgumentSeparator(found: current.text), at: current.offset)
        }
        guard function.arity.accepts(arguments.count) else {
            throw RuleSyntaxError(.wrongArgumentCount(function, found: arguments.count), at: offset)
        }
        return .call(function, arguments)
    }

    private mutating func expectClosingParenthesis(openedAt openingOffset: Int) throws(RuleSyntaxError) {
        switch current.kind {
        case .rightParenthesis:
            try advance()
        case .end:
            throw RuleSyntaxError(.unclosedParenthesis, at: openingOffset)
        case .comma:
            throw RuleSyntaxError(.unexpectedToken(current.text), at: current.offset)
        default:
            throw RuleSyntaxError(.missingOperator(found: current.text), at: current.offset)
        }
    }

    private mutating func advance() throws(RuleSyntaxError) {
        current = try lexer.nextToken()
    }
}
