import Foundation
import HTTPTypes

extension Response {
    /// A JSON body, UTF-8, keys sorted (the same value always gives the same bytes), with `Content-Type: application/json; charset=utf-8`.
    public static func json<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return json(encoded: Array(try encoder.encode(value)), status: status)
    }

    /// A body that already is JSON, with the same `Content-Type`.
    public static func json(encoded body: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headerFields: jsonFields, body: body)
    }

    /// Made once: every autosave's reply carries them.
    private static let jsonFields: HTTPFields = [.contentType: "application/json; charset=utf-8"]
}

extension Request {
    /// Decodes the body as JSON, or throws an ``APIError`` that says what is wrong with it.
    public func decodeJSON<Value: Decodable>(_ type: Value.Type) throws(APIError) -> Value {
        if let contentType = soleValue(of: .contentType),
           !contentType.lowercased().hasPrefix("application/json") {
            throw .unsupportedMediaType
        }
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch let error as DecodingError {
            throw .invalidJSON(error.briefDescription)
        } catch {
            throw .invalidJSON(String(describing: error))
        }
    }
}

extension DecodingError {
    /// Where the body went wrong and how, in one line a client developer can act on.
    var briefDescription: String {
        func path(_ context: Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
            return "$" + keys.joined()
        }
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context)).\(key.stringValue): missing"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "malformed JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "malformed JSON"
        }
    }
}
