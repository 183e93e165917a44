import Foundation
import KioskHTTP
import KioskTestSupport
import Testing

/// The limits that keep one client from hurting the others, and keep-alive kept.
@Suite struct LimitsTests {
    let server: RunningServer

    init() throws {
        server = try RunningServer({ configuration in
            configuration.maxBodyBytes = 1024
            configuration.maxHeaderBytes = 8 * 1024
            configuration.maxConnectionsPerAddress = 8
            configuration.idleTimeoutSeconds = 1
        }) { router in
            router.get("/healthz") { _ in .text("ok") }
            router.post("/echo") { request in Response(status: .ok, body: request.body) }
        }
    }

    @Test func oversizeBodyIs413WithoutReadingItAndServerGoesOn() throws {
        let connection = try server.connect()
        // Announce 10 MB and send only the head: the answer must come before the body.
        try connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n")
        let reply = try connection.readReply()
        #expect(reply.status == 413)
        #expect(reply.errorCode == "body_too_large")
        #expect(try server.connect().request("GET", "/healthz").status == 200)
    }

    @Test func chunkedBodyPastTheLimitIsCutOff() throws {
        let connection = try server.connect()
        let chunk = String(repeating: "x", count: 600)
        try connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        try connection.send("258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n")
        if let reply = try? connection.readReply() {
            #expect(reply.status >= 400)
        } else {
            #expect(connection.isClosedByPeer())
        }
        #expect(try server.connect().request("GET", "/healthz").status == 200)
    }

    @Test func bodyWithinTheLimitArrivesWhole() throws {
        let body = Array(repeating: UInt8(ascii: "a"), count: 1000)
        let reply = try server.connect().request("POST", "/echo", body: body)
        #expect(reply.status == 200)
        #expect(reply.body == body)
    }

    @Test func oversizeHeadersAre431() throws {
        let connection = try server.connect()
        let reply = try connection.request("GET", "/healthz", headers: ["X-Filler": String(repeating: "y", count: 16 * 1024)])
        #expect(reply.status == 431)
        #expect(try server.connect().request("GET", "/healthz").status == 200)
    }

    @Test func keepAliveHoldsForAThousandRequests() throws {
        let connection = try server.connect()
        for index in 0..<1000 {
            let reply = try connection.request("GET", "/healthz")
            #expect(reply.status == 200, "request \(index)")
            #expect(reply.headers["connection"]?.lowercased() != "close", "request \(index) closed the connection")
        }
    }

    @Test func connectionsPerAddressAreCapped() throws {
        let held = try (0..<8).map { _ in try server.connect(timeout: 3) }
        for connection in held { #expect(try connection.request("GET", "/healthz").status == 200) }
        let extra = try server.connect(timeout: 3)
        #expect(extra.isClosedByPeer())
    }

    @Test func idleConnectionsAreClosed() throws {
        let connection = try server.connect(timeout: 5)
        #expect(try connection.request("GET", "/healthz").status == 200)
        Thread.sleep(forTimeInterval: 2.5)
        #expect(connection.isClosedByPeer())
    }

    @Test func garbageRequestLineGetsAnErrorAndServerGoesOn() throws {
        let connection = try server.connect()
        try connection.send("\u{1}\u{2}GARBAGE\r\n\r\n")
        let reply = try? connection.readReply()
        #expect(reply == nil || reply!.status == 400)
        #expect(try server.connect().request("GET", "/healthz").status == 200)
    }
}
