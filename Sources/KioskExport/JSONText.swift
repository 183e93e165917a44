/// JSON text written by hand where a line per event must be cheap: strings quoted and escaped as
/// RFC 8259 requires, byte by byte from their UTF-8.
enum JSONText {
    /// Appends the UTF-8 text `text` as a JSON string literal.
    static func appendQuoted<Text: Collection<UInt8>>(_ text: Text, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        if text.contains(where: needsEscape) {
            for byte in text {
                switch byte {
                case UInt8(ascii: "\""): bytes.append("\\\"")
                case UInt8(ascii: "\\"): bytes.append("\\\\")
                case UInt8(ascii: "\n"): bytes.append("\\n")
                case UInt8(ascii: "\r"): bytes.append("\\r")
                case UInt8(ascii: "\t"): bytes.append("\\t")
                case ..<0x20:
                    bytes.append("\\u00")
                    bytes.append(hexDigits[Int(byte >> 4)])
                    bytes.append(hexDigits[Int(byte & 0xF)])
                default: bytes.append(byte)
                }
            }
        } else {
            bytes.append(contentsOf: text)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendQuoted($0, to: &bytes) }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
