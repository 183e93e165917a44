/// One token of a skip rule, with the text it was read from and where that text starts.
struct RuleToken: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case string(String)
        case reference(String)
        /// A name followed by `(`.
        case functionName(String)
        case binaryOperator(BinaryOperator)
        case leftParenthesis
        case rightParenthesis
        case comma
        case end
    }

    let kind: Kind
    /// The token as written in the rule, quoted for messages: `'yes'`, `${SQ01}`, `and`.
    let text: String
    /// Unicode scalars from the start of the rule.
    let offset: Int

    /// Whether the token completes a value, so that what follows must be an operator, a `)`, a `,`
    /// or the end. XPath 1.0 (section 3.7) reads names and `*` differently after such a token.
    var endsOperand: Bool {
        switch kind {
        case .number, .string, .reference, .rightParenthesis: return true
        case .functionName, .binaryOperator, .leftParenthesis, .comma, .end: return false
        }
    }
}
