/// An item's current answer, as a skip rule reads it through `${NAME}`.
///
/// XForms keeps every answer as text, and a rule sees exactly that text (its XPath string-value):
/// an unanswered item is the empty string, a number is written the XPath way (`2`, `2.5`), and a
/// multiple-choice answer is its codes separated by spaces (`"1 3 4"`).
public enum RuleValue: Sendable, Equatable {
    /// Not answered (or not shown): the empty string.
    case missing
    /// An integer or decimal answer.
    case number(Double)
    /// A text answer.
    case text(String)
    /// The codes of a multiple-choice answer, in the order they are stored.
    case selection([Int])

    /// The answer as XPath text: what `string(${NAME})` returns.
    var xpathString: String {
        switch self {
        case .missing: return ""
        case .number(let value): return value.xpathString
        case .text(let text): return text
        case .selection(let codes): return codes.map(String.init).joined(separator: " ")
        }
    }
}
