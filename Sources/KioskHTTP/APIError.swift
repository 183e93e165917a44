import HTTPTypes

/// A failure the client caused or can act on, answered as a 4xx (or 503) JSON body:
///
/// ```json
/// {"error": {"code": "session_not_open", "message": "本场次尚未开始", "messageEn": "The session has not started"}}
/// ```
///
/// `code` is stable: scripts match on it. The messages are for people, Chinese first.
public struct APIError: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var messageEn: String
    /// Extra header fields the answer needs, such as `Allow` on a 405 or `Retry-After` on a 429.
    public var headerFields: HTTPFields

    public init(
        _ status: HTTPResponse.Status,
        code: String,
        message: String,
        messageEn: String,
        headerFields: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.messageEn = messageEn
        self.headerFields = headerFields
    }
}

extension APIError {
    public static let notFound = APIError(
        .notFound, code: "not_found",
        message: "找不到请求的地址", messageEn: "Nothing is found at this address")

    public static let badPath = APIError(
        .badRequest, code: "bad_path",
        message: "地址格式不正确", messageEn: "The address is malformed")

    public static func payloadTooLarge(limit: Int) -> APIError {
        APIError(
            .contentTooLarge, code: "body_too_large",
            message: "请求内容过大（上限 \(limit) 字节）",
            messageEn: "The request body is too large (limit \(limit) bytes)")
    }

    public static func methodNotAllowed(allowed: [HTTPRequest.Method]) -> APIError {
        var fields = HTTPFields()
        fields[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(
            .methodNotAllowed, code: "method_not_allowed",
            message: "此地址不支持该请求方法", messageEn: "This address does not accept that method",
            headerFields: fields)
    }

    public static func invalidJSON(_ detail: String) -> APIError {
        APIError(
            .badRequest, code: "invalid_json",
            message: "请求内容不是有效的 JSON：\(detail)",
            messageEn: "The request body is not valid JSON: \(detail)")
    }

    public static let unsupportedMediaType = APIError(
        .unsupportedMediaType, code: "unsupported_media_type",
        message: "请求内容须为 JSON（Content-Type: application/json）",
        messageEn: "The request body must be JSON (Content-Type: application/json)")

    public static let serviceUnavailable = APIError(
        .serviceUnavailable, code: "shutting_down",
        message: "服务器正在关闭，请稍后重试", messageEn: "The server is shutting down; try again shortly")

    public static let internalError = APIError(
        .internalServerError, code: "internal_error",
        message: "服务器内部错误，已记录", messageEn: "Internal server error; it has been logged")
}
