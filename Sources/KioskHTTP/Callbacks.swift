#if canImport(Glibc)
import Glibc
#endif
import CMicroHTTPD
import Foundation
import HTTPTypes

// The C functions libmicrohttpd calls, on its own event-loop threads. Each receives the
// `HTTPServer` as an unretained `cls` pointer (the server outlives its daemon) and, per request,
// the retained `Exchange` kept in `*con_cls`.
//
// The access handler is called several times per request: first with the head only, then with
// pieces of the body, then once more with no data when the request is complete, and again after a
// suspended connection is resumed. It answers on the complete call, never the first: libmicrohttpd
// 0.9.75 closes the connection after a response queued on the first call.

/// Refuses a connection from outside the allow-list before a byte of it is read.
let acceptPolicy: MHD_AcceptPolicyCallback = { cls, address, _ in
    guard let cls else { return .NO }
    let server = Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue()
    let text = SocketAddress.text(of: address)
    guard server.allows(text) else {
        server.logger.warning("refused a connection from outside the allow-list", metadata: ["address": "\(text)"])
        return .NO
    }
    return .YES
}

let accessHandler: MHD_AccessHandlerCallback = {
    cls, connection, url, method, _, uploadData, uploadDataSize, requestContext in
    guard let cls, let connection, let url, let method, let uploadDataSize, let requestContext else {
        return .NO
    }
    let server = Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue()

    guard let context = requestContext.pointee else {
        // First call: the head has arrived. Refuse an announced oversize body before reading it.
        guard server.admit() else {
            return queue(Response(error: .serviceUnavailable), on: connection, server: server)
        }
        let exchange = Exchange(connection: connection)
        requestContext.pointee = Unmanaged.passRetained(exchange).toOpaque()
        if let length = MHD_lookup_connection_value(connection, .HEADER_KIND, "Content-Length"),
           let announced = Int(String(cString: length)), announced > server.configuration.maxBodyBytes {
            return queue(Response(error: .payloadTooLarge(limit: server.configuration.maxBodyBytes)),
                         on: connection, server: server)
        }
        return .YES
    }
    let exchange = Unmanaged<Exchange>.fromOpaque(context).takeUnretainedValue()

    if uploadDataSize.pointee > 0, let uploadData {
        let size = exchange.appendBody(UnsafeRawBufferPointer(start: uploadData, count: uploadDataSize.pointee))
        uploadDataSize.pointee = 0
        // A chunked body that grows past the limit: stop reading and close the connection.
        return size > server.configuration.maxBodyBytes ? .NO : .YES
    }

    if let body = exchange.beginDispatch() {
        let path = String(cString: url)
        guard let method = HTTPRequest.Method(String(cString: method)) else {
            return queue(Response(error: .notFound), on: connection, server: server)
        }
        let request = Request(
            method: method,
            path: path,
            headerFields: headerFields(of: connection),
            query: queryArguments(of: connection),
            body: body,
            clientAddress: SocketAddress.text(of: kiosk_mhd_client_address(connection)))
        server.dispatch(request, to: exchange)
    }
    guard let response = exchange.takeResponseOrSuspend() else {
        return .YES
    }
    return queue(response, on: connection, server: server)
}

let requestCompleted: MHD_RequestCompletedCallback = { cls, _, requestContext, _ in
    guard let cls, let requestContext, let context = requestContext.pointee else { return }
    Unmanaged<Exchange>.fromOpaque(context).release()
    requestContext.pointee = nil
    Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue().release()
}

let logFromLibrary: MHD_LogCallback = { cls, format, arguments in
    guard let cls, let format else { return }
    var buffer = [CChar](repeating: 0, count: 512)
    guard let arguments else { return }
    _ = vsnprintf(&buffer, buffer.count, format, arguments)
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let message = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue().logger.notice("libmicrohttpd: \(message)")
}

/// libmicrohttpd's own percent-decoding of the path and query, except that a decoded NUL (`%00`)
/// becomes DEL (0x7F): the path reaches the access handler as a C string, where a NUL would
/// silently cut it short (`/a/%00/../../x` read as `/a/`). DEL is a control character, which no
/// route and no file path accepts.
let unescapeKeepingLength: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafeMutablePointer<CChar>?) -> Int = { _, _, text in
    guard let text else { return 0 }
    let length = MHD_http_unescape(text)
    for index in 0..<length where text[index] == 0 {
        text[index] = 0x7F
    }
    return length
}

/// Hands a response to libmicrohttpd, with the server's common header fields added.
private func queue(_ response: Response, on connection: OpaquePointer, server: HTTPServer) -> MHD_Result {
    let body = response.body
    let mhdResponse = body.withUnsafeBytes { bytes in
        MHD_create_response_from_buffer(
            bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
    }
    guard let mhdResponse else { return .NO }
    defer { MHD_destroy_response(mhdResponse) }
    for field in response.headerFields {
        _ = MHD_add_response_header(mhdResponse, field.name.rawName, field.value)
    }
    for field in server.configuration.commonHeaderFields where !response.headerFields.contains(field.name) {
        _ = MHD_add_response_header(mhdResponse, field.name.rawName, field.value)
    }
    return MHD_queue_response(connection, UInt32(response.status.code), mhdResponse)
}

private func headerFields(of connection: OpaquePointer) -> HTTPFields {
    var fields = HTTPFields()
    fields.reserveCapacity(16)
    _ = withUnsafeMutablePointer(to: &fields) { pointer in
        MHD_get_connection_values_n(connection, .HEADER_KIND, { cls, _, key, keyLength, value, _ in
            guard let cls, let key,
                  let name = KnownFieldName.name(UnsafeRawBufferPointer(start: key, count: keyLength))
                    ?? HTTPField.Name(String(cString: key)) else { return .YES }
            let fields = cls.assumingMemoryBound(to: HTTPFields.self)
            fields.pointee.append(HTTPField(name: name, value: value.map { String(cString: $0) } ?? ""))
            return .YES
        }, pointer)
    }
    return fields
}

/// The field names browsers send with nearly every request, made once: making a name from its text
/// validates and lowercases it, for every field of every request.
private enum KnownFieldName {
    private static let names: [(text: [UInt8], name: HTTPField.Name)] = [
        "Host", "Content-Type", "Content-Length", "Cookie", "Authorization", "Connection", "Accept",
        "Accept-Encoding", "Accept-Language", "User-Agent", "Origin", "Referer",
    ].map { (Array($0.utf8), HTTPField.Name($0)!) }

    /// The known name written exactly as `text` (browsers' usual capitals), or nil.
    static func name(_ text: UnsafeRawBufferPointer) -> HTTPField.Name? {
        guard let start = text.baseAddress else { return nil }
        for known in names where known.text.count == text.count {
            if known.text.withUnsafeBytes({ memcmp($0.baseAddress!, start, text.count) == 0 }) { return known.name }
        }
        return nil
    }
}

private func queryArguments(of connection: OpaquePointer) -> [String: String] {
    var arguments: [String: String] = [:]
    _ = withUnsafeMutablePointer(to: &arguments) { pointer in
        MHD_get_connection_values(connection, .GET_ARGUMENT_KIND, { cls, _, key, value in
            guard let cls, let key else { return .YES }
            let arguments = cls.assumingMemoryBound(to: [String: String].self)
            let name = String(cString: key)
            if arguments.pointee[name] == nil {
                arguments.pointee[name] = value.map { String(cString: $0) } ?? ""
            }
            return .YES
        }, pointer)
    }
    return arguments
}
