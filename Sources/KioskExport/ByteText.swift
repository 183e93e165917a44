/// Numbers and text appended to a byte buffer as UTF-8, without making a `String` each: the
/// export's lines are built this way.
extension Array where Element == UInt8 {
    mutating func append(_ text: String) {
        append(contentsOf: text.utf8)
    }

    /// A whole number in decimal, as `String(value)` writes it.
    mutating func appendDecimal(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDigits(of: value.magnitude)
    }

    /// The last two decimal digits of `value`, zero-padded (the fields of a time).
    mutating func appendTwoDigits(_ value: Int64) {
        let digits = value.magnitude % 100
        append(UInt8(truncatingIfNeeded: digits / 10) + UInt8(ascii: "0"))
        append(UInt8(truncatingIfNeeded: digits % 10) + UInt8(ascii: "0"))
    }

    /// The last three decimal digits of `value`, zero-padded (milliseconds).
    mutating func appendThreeDigits(_ value: Int64) {
        append(UInt8(truncatingIfNeeded: value.magnitude % 1000 / 100) + UInt8(ascii: "0"))
        appendTwoDigits(value)
    }

    /// Milliseconds as seconds with three decimals (`String(format: "%.3f", ms / 1000)`).
    mutating func appendSeconds(milliseconds: Int64) {
        if milliseconds < 0 { append(UInt8(ascii: "-")) }
        appendDigits(of: milliseconds.magnitude / 1000)
        append(UInt8(ascii: "."))
        appendThreeDigits(Int64(milliseconds.magnitude % 1000))
    }

    /// The digits of `value`, most significant first (divisions by a constant ten are cheap).
    private mutating func appendDigits(of value: UInt64) {
        if value >= 10 { appendDigits(of: value / 10) }
        append(UInt8(truncatingIfNeeded: value % 10) + UInt8(ascii: "0"))
    }
}
