/// A value while a rule is evaluated: one of XPath 1.0's three scalar types, with the spec's
/// conversions between them (`boolean()`, `number()`, `string()`, sections 4.2 to 4.4).
enum XPathValue: Equatable {
    case number(Double)
    case string(String)
    case boolean(Bool)

    var boolean: Bool {
        switch self {
        case .boolean(let value): return value
        case .number(let value): return !(value == 0 || value.isNaN)
        case .string(let text): return !text.isEmpty
        }
    }

    var number: Double {
        switch self {
        case .number(let value): return value
        case .string(let text): return Double(xpathNumber: text)
        case .boolean(let value): return value ? 1 : 0
        }
    }

    var string: String {
        switch self {
        case .string(let text): return text
        case .number(let value): return value.xpathString
        case .boolean(let value): return value ? "true" : "false"
        }
    }

    /// `=` between two values that are not node-sets (section 3.4): as booleans if either is a
    /// boolean, else as numbers if either is a number, else as strings.
    static func equal(_ left: XPathValue, _ right: XPathValue) -> Bool {
        switch (left, right) {
        case (.boolean, _), (_, .boolean):
            return left.boolean == right.boolean
        case (.number, _), (_, .number):
            return left.number == right.number
        case (.string(let leftText), .string(let rightText)):
            return leftText.unicodeScalars.elementsEqual(rightText.unicodeScalars)
        }
    }
}
