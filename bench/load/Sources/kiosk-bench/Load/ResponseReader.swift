/// Splits the bytes of one keep-alive connection into HTTP/1.1 responses, each with a
/// `Content-Length` body (what the kiosk, libmicrohttpd and gunicorn send).
struct ResponseReader {
    struct Response {
        var status: Int
        var body: [UInt8]
        /// The server said `Connection: close`: the connection ends after this response.
        var closes: Bool
    }

    enum Failure: Error, CustomStringConvertible {
        case malformedHead
        case chunkedBody

        var description: String {
            switch self {
            case .malformedHead: "malformed response head"
            case .chunkedBody: "chunked response bodies are not supported"
            }
        }
    }

    private var buffer: [UInt8] = []
    /// How far the buffer has been searched for the end of the head.
    private var searched = 0

    var isEmpty: Bool { buffer.isEmpty }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
    }

    mutating func reset() {
        buffer.removeAll(keepingCapacity: true)
        searched = 0
    }

    /// The next complete response, removed from the buffer; nil until one has fully arrived.
    mutating func next() throws(Failure) -> Response? {
        guard let headEnd = findHeadEnd() else { return nil }
        let head = try Head(buffer[..<headEnd])
        let total = headEnd + 4 + head.contentLength
        guard buffer.count >= total else { return nil }
        let body = Array(buffer[(headEnd + 4)..<total])
        if total == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else {
            buffer.removeFirst(total)
        }
        searched = 0
        return Response(status: head.status, body: body, closes: head.closes)
    }

    /// The index of the "\r\n\r\n" that ends the head.
    private mutating func findHeadEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        var index = max(0, searched - 3)
        let last = buffer.count - 4
        while index <= last {
            if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 {
                return index
            }
            index += 1
        }
        searched = buffer.count
        return nil
    }

    private struct Head {
        var status = 0
        var contentLength = 0
        var closes = false

        /// Reads the status line and the fields that frame the body.
        init(_ bytes: ArraySlice<UInt8>) throws(Failure) {
            let lines = bytes.split(separator: 10, omittingEmptySubsequences: true)
            guard let statusLine = lines.first, statusLine.count >= 12,
                  statusLine.starts(with: "HTTP/1.".utf8) else { throw .malformedHead }
            let code = statusLine.dropFirst(9).prefix(3)
            guard code.allSatisfy({ (48...57).contains($0) }) else { throw .malformedHead }
            status = code.reduce(0) { $0 * 10 + Int($1 - 48) }
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: 58) else { continue }
                let name = line[..<colon]
                let value = line[(colon + 1)...].filter { $0 != 32 && $0 != 13 && $0 != 9 }
                if Self.matches(name, "content-length") {
                    guard let length = Int(String(decoding: value, as: UTF8.self)) else { throw .malformedHead }
                    contentLength = length
                } else if Self.matches(name, "connection") {
                    closes = Self.matches(value[...], "close")
                } else if Self.matches(name, "transfer-encoding") {
                    throw .chunkedBody
                }
            }
        }

        /// Compares ASCII case-insensitively against a lowercase name.
        private static func matches(_ bytes: ArraySlice<UInt8>, _ lowercase: String) -> Bool {
            bytes.count == lowercase.utf8.count
                && zip(bytes, lowercase.utf8).allSatisfy { ($0 | 0x20) == $1 || $0 == $1 }
        }
    }
}
