import HTTPTypes

/// What the server sends back: a status, header fields and a body held in memory.
public struct Response: Sendable {
    public var status: HTTPResponse.Status
    public var headerFields: HTTPFields
    public var body: [UInt8]

    public init(status: HTTPResponse.Status = .ok, headerFields: HTTPFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
    }

    /// A plain-text body in UTF-8.
    public static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headerFields: fields, body: Array(text.utf8))
    }

    /// The JSON body of an ``APIError``, with its status and header fields.
    public init(error: APIError) {
        let body = ErrorBody(error: .init(code: error.code, message: error.message, messageEn: error.messageEn))
        self = (try? Response.json(body, status: error.status)) ?? Response.text(error.code, status: error.status)
        headerFields.append(contentsOf: error.headerFields)
    }
}

private struct ErrorBody: Encodable {
    struct Detail: Encodable {
        var code: String
        var message: String
        var messageEn: String
    }
    var error: Detail
}
