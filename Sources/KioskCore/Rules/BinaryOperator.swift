/// An XPath 1.0 binary operator, spelled as a rule writes it.
public enum BinaryOperator: String, Sendable, CaseIterable {
    case or
    case and
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "div"
    case modulo = "mod"

    /// How tightly the operator binds, loosest first, as XPath 1.0's grammar orders them:
    /// `or` < `and` < `= !=` < `< <= > >=` < `+ -` < `* div mod`. Every level is left-associative.
    var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual: return 3
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return 4
        case .add, .subtract: return 5
        case .multiply, .divide, .modulo: return 6
        }
    }
}
