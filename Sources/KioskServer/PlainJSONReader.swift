/// Reads the plain JSON of the bodies browsers send, byte by byte: objects, arrays, strings without
/// escapes, integers, numbers, null.
///
/// It does not explain anything: every read returns nil (or false) at the first byte it does not
/// take, valid JSON or not, and the caller hands the body to `JSONDecoder` instead. So what it
/// accepts it must read exactly as `JSONDecoder` would; what it refuses costs only the time to
/// find out.
struct PlainJSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        skipWhitespace()
    }

    /// The next byte, or 0 at the end.
    var next: UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    /// Whether only whitespace is left.
    var isAtEnd: Bool {
        index == bytes.count
    }

    /// Reads `{ "key": value, ... }`, handing each key to `field`, which reads the value.
    mutating func readObject(_ field: (inout PlainJSONReader, String) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = readString(), take(UInt8(ascii: ":")), field(&self, key) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    /// Reads `[ element, ... ]`, calling `element` to read each.
    mutating func readArray(_ element: (inout PlainJSONReader) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
    }

    /// A string without escapes or control characters, in valid UTF-8.
    mutating func readString() -> String? {
        guard next == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) else { return nil }
        index = end + 1
        skipWhitespace()
        return text
    }

    /// An integer written with digits only (no fraction, no exponent), of at most 18 digits.
    mutating func readInteger() -> Int64? {
        var cursor = index
        let negative = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "-")
        if negative { cursor += 1 }
        let digitsStart = cursor
        var value: Int64 = 0
        while cursor < bytes.count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") {
            value = value * 10 + Int64(bytes[cursor] - UInt8(ascii: "0"))
            cursor += 1
            if cursor - digitsStart > 18 { return nil }
        }
        let digits = cursor - digitsStart
        guard digits > 0, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0"), !continuesNumber(at: cursor) else { return nil }
        index = cursor
        skipWhitespace()
        return negative ? -value : value
    }

    /// A JSON number with a finite value.
    mutating func readNumber() -> Double? {
        var cursor = index
        func digits() -> Int {
            let start = cursor
            while cursor < bytes.count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") { cursor += 1 }
            return cursor - start
        }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
        let integerStart = cursor
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") {
            cursor += 1
            guard digits() > 0 else { return nil }
        }
        if cursor < bytes.count, bytes[cursor] | 0x20 == UInt8(ascii: "e") {
            cursor += 1
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
            guard digits() > 0 else { return nil }
        }
        guard !continuesNumber(at: cursor),
              let number = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<cursor]), as: UTF8.self)),
              number.isFinite else { return nil }
        index = cursor
        skipWhitespace()
        return number
    }

    /// Reads `null`.
    mutating func readNull() -> Bool {
        guard bytes.count - index >= 4, bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"),
              bytes[index + 3] == UInt8(ascii: "l"), next == UInt8(ascii: "n"), !isLetter(at: index + 4) else { return false }
        index += 4
        skipWhitespace()
        return true
    }

    /// Takes `byte` (and the whitespace after it) if it comes next.
    private mutating func take(_ byte: UInt8) -> Bool {
        guard next == byte, index < bytes.count else { return false }
        index += 1
        skipWhitespace()
        return true
    }

    /// Whether the number just read goes on (a fraction, an exponent, more of a token).
    private func continuesNumber(at position: Int) -> Bool {
        guard position < bytes.count else { return false }
        let byte = bytes[position]
        return byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || isLetter(at: position)
    }

    private func isLetter(at position: Int) -> Bool {
        guard position < bytes.count else { return false }
        let lowered = bytes[position] | 0x20
        return lowered >= UInt8(ascii: "a") && lowered <= UInt8(ascii: "z")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }
}
