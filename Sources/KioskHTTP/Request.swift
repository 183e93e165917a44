import HTTPTypes

/// One complete HTTP request: head, body and where it came from.
public struct Request: Sendable {
    public var method: HTTPRequest.Method
    /// The path, percent-decoded by libmicrohttpd, without the query.
    public var path: String
    public var headerFields: HTTPFields
    /// Query arguments, percent-decoded. A name given twice keeps its first value.
    public var query: [String: String]
    public var body: [UInt8]
    /// The peer's IP address as text (`127.0.0.1`, `::1`), or empty when unknown.
    public var clientAddress: String
    /// Values of the route's `:name` segments, filled in by the ``Router``.
    public var pathParameters: [String: String] = [:]

    public init(
        method: HTTPRequest.Method,
        path: String,
        headerFields: HTTPFields = [:],
        query: [String: String] = [:],
        body: [UInt8] = [],
        clientAddress: String = ""
    ) {
        self.method = method
        self.path = path
        self.headerFields = headerFields
        self.query = query
        self.body = body
        self.clientAddress = clientAddress
    }

    /// The value of the one header field named `name`; nil when there is none, or more than one
    /// (which no browser sends for the fields this is asked about). Unlike `headerFields[name]`,
    /// it makes no new string by joining values.
    public func soleValue(of name: HTTPField.Name) -> String? {
        var found: String?
        for field in headerFields where field.name == name {
            guard found == nil else { return nil }
            found = field.value
        }
        return found
    }

    /// The value of a `:name` segment of the matched route.
    public func parameter(_ name: String) -> String? {
        pathParameters[name]
    }
}
