/// Numbers and text appended to a byte buffer as UTF-8, without making a `String` each: the
/// export's lines are built this way.
extension Array where Element == UInt8 {
    mutating func append(_ text: String) {
        append(contentsOf: text.utf8)
    }

    /// A whole number in decimal, as `String(value)` writes it.
    mutating func appendDecimal(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var digits = 1
        var rest = value.magnitude
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        appendDigits(of: value.magnitude, count: digits)
    }

    /// A non-negative number in exactly `width` digits, zero-padded (the fields of a time).
    mutating func appendDigits(_ value: Int64, width: Int) {
        appendDigits(of: value.magnitude, count: width)
    }

    /// Milliseconds as seconds with three decimals (`String(format: "%.3f", ms / 1000)`).
    mutating func appendSeconds(milliseconds: Int64) {
        if milliseconds < 0 { append(UInt8(ascii: "-")) }
        appendDecimal(Int64(milliseconds.magnitude / 1000))
        append(UInt8(ascii: "."))
        appendDigits(Int64(milliseconds.magnitude % 1000), width: 3)
    }

    /// The last `count` decimal digits of `value`, zero-padded, written from the units up.
    private mutating func appendDigits(of value: UInt64, count: Int) {
        let start = self.count
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        withUnsafeMutableBufferPointer { bytes in
            var rest = value
            var index = start + count - 1
            while rest > 0, index >= start {
                bytes[index] = UInt8(truncatingIfNeeded: rest % 10) + UInt8(ascii: "0")
                rest /= 10
                index -= 1
            }
        }
    }
}
