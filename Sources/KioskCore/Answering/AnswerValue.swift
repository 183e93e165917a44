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

    /// Reads a value stored by ``json``: numbers, code lists and strings without escapes directly,
    /// anything else through `JSONDecoder`.
    public init(json: String) throws {
        let utf8 = json.utf8
        switch utf8.first {
        case UInt8(ascii: "n"):
            if json == "null" { self = .cleared; return }
        case UInt8(ascii: "\""):
            if utf8.count >= 2, utf8.last == UInt8(ascii: "\""), !utf8.contains(UInt8(ascii: "\\")) {
                self = .text(String(json.dropFirst().dropLast()))
                return
            }
        case UInt8(ascii: "["):
            let inner = json.dropFirst().dropLast()
            let codes = inner.isEmpty ? [] : inner.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
            if json.hasSuffix("]"), !codes.contains(nil) {
                self = .codes(codes.map { $0! })
                return
            }
        default:
            if let number = Double(json), number.isFinite {
                self = .number(number)
                return
            }
        }
        self = try JSONDecoder().decode(AnswerValue.self, from: Data(utf8))
    }
}
