extension Double {
    /// XPath 1.0's `number()` of a string (section 4.4): optional whitespace, an optional `-`, digits
    /// with at most one `.`, optional whitespace. Anything else, the empty string included, is NaN:
    /// no `+`, no exponent, no `Infinity`.
    init(xpathNumber text: some StringProtocol) {
        if let whole = Self.plainWholeNumber(text) {
            self = Double(whole)
            return
        }
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first.isXPathWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isXPathWhitespace { scalars.removeLast() }
        let isNegative = scalars.first == "-"
        if isNegative { scalars.removeFirst() }
        let integerDigits = scalars.prefix { $0.isXPathDigit }
        var rest = scalars.dropFirst(integerDigits.count)
        var fractionDigits = Substring.UnicodeScalarView()
        if rest.first == "." {
            rest.removeFirst()
            fractionDigits = rest.prefix { $0.isXPathDigit }
            rest = rest.dropFirst(fractionDigits.count)
        }
        guard rest.isEmpty, !(integerDigits.isEmpty && fractionDigits.isEmpty) else {
            self = .nan
            return
        }
        let canonical = (isNegative ? "-" : "")
            + (integerDigits.isEmpty ? "0" : String(integerDigits))
            + "." + (fractionDigits.isEmpty ? "0" : String(fractionDigits))
        self = Double(canonical) ?? .nan
    }

    /// XPath 1.0's `string()` of a number (section 4.2): `NaN`, `Infinity`, `-Infinity`, integers
    /// without a decimal point (both zeros are `0`), and other numbers in plain decimal notation with
    /// as few digits as tell the number apart from its neighbours, never in exponent notation.
    var xpathString: String {
        // Whole numbers below 2^53, the usual answers and codes, are their integer's digits.
        if self == rounded(), magnitude < 9_007_199_254_740_992, self != 0 { return String(Int64(self)) }
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        if self == 0 { return "0" }
        // Swift writes the shortest digits that round-trip, sometimes with an exponent
        // ("1e-07", "1.5e+21"); move the decimal point instead.
        let shortest = magnitude.description
        let parts = shortest.split(separator: "e")
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1])! : 0
        let point = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
        var digits = String(mantissa[..<point]) + String(mantissa[point...].dropFirst())
        var pointPosition = mantissa.distance(from: mantissa.startIndex, to: point) + exponent
        while digits.hasPrefix("0") {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0") {
            digits.removeLast()
        }
        let plain: String
        if pointPosition <= 0 {
            plain = "0." + String(repeating: "0", count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            plain = digits + String(repeating: "0", count: pointPosition - digits.count)
        } else {
            let split = digits.index(digits.startIndex, offsetBy: pointPosition)
            plain = digits[..<split] + "." + digits[split...]
        }
        return self < 0 ? "-" + plain : plain
    }

    /// `text` as an integer when it is only ASCII digits (1 to 15, so exact as a Double), with an
    /// optional `-` before a digit other than 0: the common case of ``init(xpathNumber:)``.
    private static func plainWholeNumber(_ text: some StringProtocol) -> Int? {
        var utf8 = Substring(text).utf8[...]
        let isNegative = utf8.first == UInt8(ascii: "-")
        if isNegative { utf8 = utf8.dropFirst() }
        guard (1 ... 15).contains(utf8.count), !(isNegative && utf8.first == UInt8(ascii: "0")) else { return nil }
        var value = 0
        for byte in utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return isNegative ? -value : value
    }
}
