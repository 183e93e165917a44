import Foundation
import KioskTestSupport
import Testing

/// What every client sees: health, the server's time, the pages, the protective headers.
@Suite struct ServingTests {
    @Test func healthzAnswersOK() throws {
        let kiosk = try TestKiosk()
        let reply = try kiosk.connect().request("GET", "/healthz")
        #expect(reply.status == 200)
        #expect(try reply.json()["status"] as? String == "ok")
    }

    @Test func serverTimeIsTheServersClock() throws {
        let kiosk = try TestKiosk(clock: FixedClock(Date(timeIntervalSince1970: 1_800_000_000)))
        let reply = try kiosk.connect().request("GET", "/api/v1/time")
        #expect(try reply.json()["serverTime"] as? Int64 == 1_800_000_000_000)
    }

    @Test func everyResponseCarriesTheProtectiveHeaders() throws {
        let kiosk = try TestKiosk()
        for path in ["/healthz", "/check/", "/nowhere"] {
            let reply = try kiosk.connect().request("GET", path)
            #expect(reply.headers["x-frame-options"] == "DENY", "\(path)")
            #expect(reply.headers["referrer-policy"] == "no-referrer", "\(path)")
            #expect(reply.headers["x-content-type-options"] == "nosniff", "\(path)")
            let policy = try #require(reply.headers["content-security-policy"], "\(path)")
            #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), "\(path)")
        }
        #expect(try kiosk.connect().request("GET", "/api/v1/time").headers["cache-control"] == "no-store")
    }

    @Test func theLabCheckPageIsServed() throws {
        let kiosk = try TestKiosk()
        let connection = try kiosk.connect()
        let page = try connection.request("GET", "/check/")
        #expect(page.status == 200)
        #expect(page.text.contains("机房检测"))
        #expect(try connection.request("GET", "/check/check.js").headers["content-type"] == "text/javascript; charset=utf-8")
    }
}
