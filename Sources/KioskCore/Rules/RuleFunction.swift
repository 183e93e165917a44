/// A function a skip rule may call: XPath 1.0 core functions and the ODK functions that display
/// conditions use. The raw value is the name as a rule writes it.
public enum RuleFunction: String, Sendable, CaseIterable {
    /// `selected(list, value)`: whether `value` is one of the space-separated codes in `list`.
    case selected
    /// `count-selected(list)`: how many space-separated codes `list` holds.
    case countSelected = "count-selected"
    /// `not(x)`: the negation of `boolean(x)`.
    case not
    /// `true()`.
    case `true`
    /// `false()`.
    case `false`
    /// `boolean(x)`: false for 0, NaN and the empty string, true otherwise.
    case boolean
    /// `number(x)`: XPath's conversion, NaN for text that is not a plain decimal number.
    case number
    /// `string(x)`: XPath's conversion; numbers never in exponent notation.
    case string
    /// `string-length(s)`: the number of characters (Unicode scalars).
    case stringLength = "string-length"
    /// `concat(a, ...)`: at least one argument, as ODK allows (XPath 1.0 asks for two).
    case concat
    /// `contains(s, t)`: whether `t` occurs in `s`.
    case contains
    /// `starts-with(s, t)`: whether `s` begins with `t`.
    case startsWith = "starts-with"
    /// `if(condition, then, else)`: only the chosen branch is evaluated.
    case `if`
    /// `coalesce(a, b)`: `a` unless its string value is empty, else `b`.
    case coalesce
    /// `int(x)`: `x` with its fractional part discarded (toward zero).
    case int
    /// `round(x)`: the nearest integer, halves toward positive infinity (XPath 1.0, one argument).
    case round
    /// `floor(x)`: the largest integer not above `x`.
    case floor
    /// `ceiling(x)`: the smallest integer not below `x`.
    case ceiling
    /// `abs(x)`: the absolute value.
    case abs

    /// How many arguments a call takes.
    public enum Arity: Sendable, Equatable {
        case exactly(Int)
        case atLeast(Int)

        func accepts(_ count: Int) -> Bool {
            switch self {
            case .exactly(let expected): return count == expected
            case .atLeast(let minimum): return count >= minimum
            }
        }
    }

    /// How many arguments the function takes.
    public var arity: Arity {
        switch self {
        case .true, .false:
            return .exactly(0)
        case .countSelected, .not, .boolean, .number, .string, .stringLength,
             .int, .round, .floor, .ceiling, .abs:
            return .exactly(1)
        case .selected, .contains, .startsWith, .coalesce:
            return .exactly(2)
        case .if:
            return .exactly(3)
        case .concat:
            return .atLeast(1)
        }
    }
}
