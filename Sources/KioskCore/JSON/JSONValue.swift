import Foundation

/// A JSON document as parsed, before it is read into the bundle's models.
///
/// Whole numbers are kept apart from fractions (`1` and `1.0` are `.integer(1)`, as JSON Schema
/// counts them), so a reader can insist on integer codes without losing precision.
enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The JSON type's name as an author knows it, for messages: `object`, `string`, ...
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue: Decodable {
    init(from decoder: any Decoder) throws {
        // Each type that does not match costs a thrown error: the common ones (strings, objects,
        // integers) are tried first. The types exclude one another, except that a whole number
        // is tried as an integer before a fraction.
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let object = try? container.decode([String: JSONValue].self) {
            self = .object(object)
        } else if let integer = try? container.decode(Int.self) {
            self = .integer(integer)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else {
            self = .number(try container.decode(Double.self))
        }
    }
}
