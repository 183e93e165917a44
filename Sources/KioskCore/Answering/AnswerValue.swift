import Foundation

/// An answer as a browser sends it and the database keeps it: a JSON value.
///
/// Choices are integer codes, a multiple choice an array of them, numbers are numbers, texts are
/// strings, and `null` clears an answer.
public enum AnswerValue: Sendable, Hashable, Codable {
    case cleared
    case number(Double)
    case text(String)
    case codes([Int])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .cleared
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let codes = try? container.decode([Int].self) {
            self = .codes(codes)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "an answer is a number, a text, an array of option codes or null")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .cleared: try container.encodeNil()
        case .number(let number):
            if number == number.rounded(), abs(number) < 1e15 {
                try container.encode(Int64(number))
            } else {
                try container.encode(number)
            }
        case .text(let text): try container.encode(text)
        case .codes(let codes): try container.encode(codes)
        }
    }

    /// The answer as skip rules see it.
    public var ruleValue: RuleValue {
        switch self {
        case .cleared: .missing
        case .number(let number): .number(number)
        case .text(let text): text.isEmpty ? .missing : .text(text)
        case .codes(let codes): codes.isEmpty ? .missing : .selection(codes)
        }
    }

    /// The JSON text stored in the database, the same bytes for the same value. Written by hand:
    /// it is on every autosave's path, where `JSONEncoder` cost more than the rest of the save.
    public var json: String {
        switch self {
        case .cleared: return "null"
        case .number(let number):
            if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
            return String(number)
        case .text(let text): return Self.quoted(text)
        case .codes(let codes): return "[" + codes.map(String.init).joined(separator: ",") + "]"
        }
    }

    /// A JSON string literal, escaped as `JSONEncoder` escapes it (without escaping slashes).
    private static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{8}": result += "\\b"
            case "\u{C}": result += "\\f"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Reads a value stored by ``json``.
    public init(json: String) throws {
        var json = json
        self = try json.withUTF8 { try AnswerValue(json: UnsafeRawBufferPointer($0)) }
    }

    /// Reads a value stored by ``json`` from its UTF-8 bytes: `null`, whole numbers, code lists and
    /// strings without escapes directly (the export reads 300,000 of them), anything else through
    /// `JSONDecoder`.
    public init(json bytes: UnsafeRawBufferPointer) throws {
        switch bytes.first {
        case UInt8(ascii: "n") where bytes.elementsEqual("null".utf8):
            self = .cleared
            return
        case UInt8(ascii: "\""):
            if bytes.count >= 2, bytes.last == UInt8(ascii: "\""), !bytes.contains(UInt8(ascii: "\\")) {
                self = .text(String(decoding: bytes[1 ..< bytes.count - 1], as: UTF8.self))
                return
            }
        case UInt8(ascii: "["):
            if let codes = Self.codes(in: bytes) {
                self = .codes(codes)
                return
            }
        default:
            if let whole = Self.wholeNumber(bytes[...]) {
                self = .number(Double(whole))
                return
            }
            if let number = Double(String(decoding: bytes, as: UTF8.self)), number.isFinite {
                self = .number(number)
                return
            }
        }
        self = try JSONDecoder().decode(AnswerValue.self, from: Data(bytes))
    }

    /// `[1,2,3]` as written by ``json``, nil for anything else.
    private static func codes(in bytes: UnsafeRawBufferPointer) -> [Int]? {
        guard bytes.count >= 2, bytes.last == UInt8(ascii: "]") else { return nil }
        var codes: [Int] = []
        var start = 1
        let end = bytes.count - 1
        guard start < end else { return [] }
        while true {
            var comma = start
            while comma < end, bytes[comma] != UInt8(ascii: ",") { comma += 1 }
            guard let code = wholeNumber(bytes[start ..< comma]) else { return nil }
            codes.append(code)
            if comma == end { return codes }
            start = comma + 1
        }
    }

    /// An optional minus and 1 to 15 digits without a leading zero (or `0` itself): exact as a
    /// Double, the same as `Double(text)` and `Int(text)` give. Nil for anything else.
    private static func wholeNumber(_ bytes: Slice<UnsafeRawBufferPointer>) -> Int? {
        var index = bytes.startIndex
        let negative = index < bytes.endIndex && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let digits = bytes.endIndex - index
        guard digits >= 1, digits <= 15, bytes[index] != UInt8(ascii: "0") || (digits == 1 && !negative) else { return nil }
        var value = 0
        while index < bytes.endIndex {
            let digit = Int(bytes[index]) - Int(UInt8(ascii: "0"))
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
            index += 1
        }
        return negative ? -value : value
    }
}
