import Glibc

/// The requests a participant's browser sends, as bytes ready for the socket.
struct Requests: Sendable {
    /// Header fields every request carries (a browser sends more; these are the ones that matter).
    private let common: String

    init(port: UInt16) {
        common = "Host: 127.0.0.1:\(port)\r\nUser-Agent: kiosk-bench\r\nAccept: application/json\r\n"
    }

    func login(id: String, code: String) -> [UInt8] {
        request("POST", "/api/v1/login", token: nil, body: #"{"code":"\#(code)","id":"\#(id)"}"#)
    }

    func fetchAttempt(token: String) -> [UInt8] {
        request("GET", "/api/v1/attempt", token: token, body: nil)
    }

    func save(token: String, seq: Int64, plan: AnswerPlan) -> [UInt8] {
        let (variable, value) = plan.answer(seq: seq)
        let body = #"{"answers":[{"item":"\#(variable.name)","value":\#(value),"seq":\#(seq)}],"#
            + #""position":\#(variable.page),"clientTime":\#(Self.millisecondsSince1970())}"#
        return request("PUT", "/api/v1/attempt/answers", token: token, body: body)
    }

    func submit(token: String) -> [UInt8] {
        request("POST", "/api/v1/attempt/submit", token: token, body: "{}")
    }

    private func request(_ method: String, _ path: String, token: String?, body: String?) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\n" + common
        if let token { text += "Authorization: Bearer \(token)\r\n" }
        if let body {
            text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
        } else {
            text += "\r\n"
        }
        return Array(text.utf8)
    }

    private static func millisecondsSince1970() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
