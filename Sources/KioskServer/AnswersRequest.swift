import KioskCore
import KioskHTTP

/// The body of `PUT /api/v1/attempt/answers`: answers with their sequence numbers, and optionally
/// the page the participant is on and the browser's clock.
struct AnswersRequest: Decodable, Equatable {
    struct Item: Decodable, Equatable {
        var item: String
        var value: AnswerValue
        var seq: Int64
    }

    var answers: [Item]
    var position: Int?
    var clientTime: Int64?

    /// Reads the body of a request. The bodies browsers send are read by hand, byte by byte
    /// (`JSONDecoder` cost more than the rest of the save on the event thread); anything the hand
    /// reader does not take (escapes, other fields, odd numbers, bad JSON) goes to `JSONDecoder`,
    /// which decides and explains.
    init(of request: Request) throws(APIError) {
        if let contentType = request.soleValue(of: .contentType), !contentType.lowercased().hasPrefix("application/json") {
            throw .unsupportedMediaType
        }
        if let read = request.body.withUnsafeBufferPointer({ Self.read($0) }) {
            self = read
        } else {
            self = try request.decodeJSON(Self.self)
        }
    }

    init(answers: [Item], position: Int?, clientTime: Int64?) {
        self.answers = answers
        self.position = position
        self.clientTime = clientTime
    }

    /// The request, if the bytes hold it in the plain form browsers send; nil otherwise.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> AnswersRequest? {
        var reader = PlainJSONReader(bytes)
        var answers: [Item]?
        var position: Int?
        var clientTime: Int64?
        let complete = reader.readObject { reader, key in
            switch key {
            case "answers" where answers == nil:
                var items: [Item] = []
                guard reader.readArray({ reader in
                    guard let item = readItem(&reader) else { return false }
                    items.append(item)
                    return true
                }) else { return false }
                answers = items
            case "position" where position == nil:
                guard let number = reader.readInteger(), let value = Int(exactly: number) else { return false }
                position = value
            case "clientTime" where clientTime == nil:
                guard let number = reader.readInteger() else { return false }
                clientTime = number
            default:
                return false
            }
            return true
        }
        guard complete, reader.isAtEnd, let answers else { return nil }
        return AnswersRequest(answers: answers, position: position, clientTime: clientTime)
    }

    private static func readItem(_ reader: inout PlainJSONReader) -> Item? {
        var name: String?
        var value: AnswerValue?
        var seq: Int64?
        let complete = reader.readObject { reader, key in
            switch key {
            case "item" where name == nil:
                name = reader.readString()
                return name != nil
            case "value" where value == nil:
                value = readValue(&reader)
                return value != nil
            case "seq" where seq == nil:
                seq = reader.readInteger()
                return seq != nil
            default:
                return false
            }
        }
        guard complete, let name, let value, let seq else { return nil }
        return Item(item: name, value: value, seq: seq)
    }

    /// An answer as ``AnswerValue``'s decoder reads it: null, a number, a text, or option codes.
    private static func readValue(_ reader: inout PlainJSONReader) -> AnswerValue? {
        switch reader.next {
        case UInt8(ascii: "n"):
            return reader.readNull() ? .cleared : nil
        case UInt8(ascii: "\""):
            return reader.readString().map(AnswerValue.text)
        case UInt8(ascii: "["):
            var codes: [Int] = []
            guard reader.readArray({ reader in
                guard let code = reader.readInteger(), let value = Int(exactly: code) else { return false }
                codes.append(value)
                return true
            }) else { return nil }
            return .codes(codes)
        default:
            return reader.readNumber().map(AnswerValue.number)
        }
    }
}
