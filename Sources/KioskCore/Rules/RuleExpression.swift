/// A parsed skip rule: an XLSForm `relevant` expression, XPath 1.0 with ODK functions.
///
/// Build one with ``init(parsing:)``, ask it which items it reads with ``referencedNames``, and
/// decide whether its item is shown with ``evaluate(answers:)``.
public indirect enum RuleExpression: Sendable, Equatable {
    /// A number literal such as `3` or `.5`.
    case number(Double)
    /// A quoted text literal, `'yes'` or `"yes"`, without its quotes.
    case string(String)
    /// `${NAME}`: the current answer of the item called NAME.
    case reference(String)
    /// Unary minus, `-operand`.
    case negation(RuleExpression)
    /// `left operator right`.
    case binary(BinaryOperator, RuleExpression, RuleExpression)
    /// A function call such as `selected(${SQ07}, '4')`.
    case call(RuleFunction, [RuleExpression])
}

extension RuleExpression: CustomStringConvertible {
    /// The rule written back with every binary operation in parentheses, so that its structure
    /// shows: `1 + 2 * 3` reads `(1 + (2 * 3))`.
    public var description: String {
        switch self {
        case .number(let value):
            return value.xpathString
        case .string(let text):
            return text.contains("'") ? "\"\(text)\"" : "'\(text)'"
        case .reference(let name):
            return "${\(name)}"
        case .negation(let operand):
            return "-\(operand)"
        case .binary(let binaryOperator, let left, let right):
            return "(\(left) \(binaryOperator.rawValue) \(right))"
        case .call(let function, let arguments):
            return "\(function.rawValue)(\(arguments.map(\.description).joined(separator: ", ")))"
        }
    }
}
