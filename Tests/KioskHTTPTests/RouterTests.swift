import Dispatch
import Foundation
import KioskHTTP
import KioskTestSupport
import Testing

/// Routes, parameters, method errors, and handlers that answer later without holding up others.
@Suite struct RouterTests {
    let server: RunningServer
    /// Opened by the test once other requests have been served; the slow handler answers after.
    let gate = DispatchSemaphore(value: 0)

    init() throws {
        let gate = gate
        server = try RunningServer { router in
            router.get("/healthz") { _ in .text("ok") }
            router.get("/sessions/:id/report") { request in .text("report of \(request.parameter("id") ?? "?")") }
            router.get("/sessions/day/report") { _ in .text("never reached: the route above comes first") }
            router.get("/items/all") { _ in .text("all items") }
            router.get("/items/:id") { request in .text("item \(request.parameter("id") ?? "?")") }
            router.post("/slow", waiting: { _, reply in
                DispatchQueue.global().async {
                    gate.wait()
                    reply(.text("done"))
                }
            })
            router.get("/broken") { _ in throw CocoaError(.fileReadUnknown) }
            router.get("/refused") { _ in
                throw APIError(.conflict, code: "session_not_open", message: "本场次尚未开始", messageEn: "The session has not started")
            }
        }
    }

    @Test func pathParametersReachTheHandler() throws {
        let reply = try server.connect().request("GET", "/sessions/G4-Q1/report")
        #expect(reply.status == 200)
        #expect(reply.text == "report of G4-Q1")
    }

    @Test func theFirstRouteRegisteredWinsHoweverThePathIsWritten() throws {
        let connection = try server.connect()
        for path in ["/sessions/day/report", "//sessions/day/report/"] {
            #expect(try connection.request("GET", path).text == "report of day", "\(path)")
        }
        for path in ["/items/all", "/items//all/"] {
            #expect(try connection.request("GET", path).text == "all items", "\(path)")
        }
        #expect(try connection.request("GET", "/items/7").text == "item 7")
        #expect(try connection.request("HEAD", "/items/all").status == 200)
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let reply = try server.connect().request("DELETE", "/healthz")
        #expect(reply.status == 405)
        #expect(reply.headers["allow"] == "GET")
        #expect(reply.errorCode == "method_not_allowed")
    }

    @Test func unknownPathIs404() throws {
        let reply = try server.connect().request("POST", "/nowhere")
        #expect(reply.status == 404)
        #expect(reply.errorCode == "not_found")
    }

    @Test func thrownAPIErrorKeepsItsStatusAndCode() throws {
        let reply = try server.connect().request("GET", "/refused")
        #expect(reply.status == 409)
        #expect(reply.errorCode == "session_not_open")
    }

    @Test func anUnexpectedErrorIsA500WithoutDetails() throws {
        let reply = try server.connect().request("GET", "/broken")
        #expect(reply.status == 500)
        #expect(reply.errorCode == "internal_error")
        #expect(try server.connect().request("GET", "/healthz").status == 200)
    }

    @Test func aWaitingHandlerDoesNotHoldUpOthers() throws {
        let slow = try server.connect()
        try slow.send("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        let fast = try server.connect()
        for _ in 0..<20 { #expect(try fast.request("GET", "/healthz").status == 200) }
        gate.signal()
        let reply = try slow.readReply()
        #expect(reply.text == "done")
        // The resumed connection is kept alive.
        #expect(try slow.request("GET", "/healthz").status == 200)
    }
}
