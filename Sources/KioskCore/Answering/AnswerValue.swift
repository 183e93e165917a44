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

    /// The JSON text stored in the database, the same bytes for the same value.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("null".utf8), as: UTF8.self)
    }

    /// Reads a value stored by ``json``.
    public init(json: String) throws {
        self = try JSONDecoder().decode(AnswerValue.self, from: Data(json.utf8))
    }
}
