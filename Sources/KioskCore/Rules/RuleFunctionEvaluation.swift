extension RuleFunction {
    /// Calls the function. Arguments are converted as XPath 1.0 converts a function's arguments
    /// (section 3.2), and `if` and `coalesce` evaluate only the arguments they return.
    func apply(to arguments: [RuleExpression], reading answer: (String) -> RuleValue) -> XPathValue {
        func argument(_ index: Int) -> XPathValue {
            arguments[index].value(reading: answer)
        }
        switch self {
        case .selected:
            let code = argument(1).string.unicodeScalars
            return .boolean(argument(0).string.selectionCodes.contains { $0.elementsEqual(code) })
        case .countSelected:
            return .number(Double(argument(0).string.selectionCodes.count))
        case .not:
            return .boolean(!argument(0).boolean)
        case .true:
            return .boolean(true)
        case .false:
            return .boolean(false)
        case .boolean:
            return .boolean(argument(0).boolean)
        case .number:
            return .number(argument(0).number)
        case .string:
            return .string(argument(0).string)
        case .stringLength:
            return .number(Double(argument(0).string.xpathLength))
        case .concat:
            return .string(arguments.indices.map { argument($0).string }.joined())
        case .contains:
            return .boolean(argument(0).string.xpathContains(argument(1).string))
        case .startsWith:
            return .boolean(argument(0).string.xpathStarts(with: argument(1).string))
        case .if:
            return argument(0).boolean ? argument(1) : argument(2)
        case .coalesce:
            let first = argument(0)
            return first.string.isEmpty ? argument(1) : first
        case .int:
            return .number(argument(0).number.rounded(.towardZero))
        case .round:
            return .number(argument(0).number.xpathRounded)
        case .floor:
            return .number(argument(0).number.rounded(.down))
        case .ceiling:
            return .number(argument(0).number.rounded(.up))
        case .abs:
            return .number(argument(0).number.magnitude)
        }
    }
}

extension Double {
    /// XPath 1.0's `round()`: the nearest integer, halves toward positive infinity, and negative
    /// zero for numbers from -0.5 up to zero. (Adding 0.5 and flooring would round
    /// 0.49999999999999994 up, since that sum rounds to 1.)
    fileprivate var xpathRounded: Double {
        guard isFinite, self != 0 else { return self }
        if self < 0, self >= -0.5 { return -0.0 }
        let down = rounded(.down)
        return self - down >= 0.5 ? down + 1 : down
    }
}

/// String operations as XPath defines them: on sequences of characters (Unicode scalars), compared
/// one by one, where Swift's `String` would treat canonically equivalent texts as equal.
extension String {
    /// `string-length()`: the number of characters.
    fileprivate var xpathLength: Int {
        unicodeScalars.count
    }

    /// `starts-with()`.
    fileprivate func xpathStarts(with prefix: String) -> Bool {
        unicodeScalars.starts(with: prefix.unicodeScalars)
    }

    /// `contains()`; every string contains the empty string.
    fileprivate func xpathContains(_ needle: String) -> Bool {
        let haystack = Array(unicodeScalars)
        let needle = Array(needle.unicodeScalars)
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    /// The space-separated items of a multiple-choice answer, as `selected()` and `count-selected()`
    /// read it; runs of XPath whitespace separate, and leading or trailing whitespace is ignored.
    fileprivate var selectionCodes: [Substring.UnicodeScalarView] {
        unicodeScalars.split(whereSeparator: \.isXPathWhitespace)
    }
}
