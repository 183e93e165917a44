import Dispatch
import Foundation
import GRDB
import KioskStorage
import KioskTestSupport
import Synchronization
import Testing

/// `POST /api/v1/lab/checks` through the real server, the group-commit writer and the file.
@Suite struct LabCheckAPITests {
    static func check(machine: String, width: Int = 1366, height: Int = 768) -> [String: Any] {
        [
            "machine": machine, "userAgent": "Mozilla/5.0 Chrome/69.0", "screenWidth": width,
            "screenHeight": height, "clockOffsetMs": 120, "roundTripMs": 4, "storageWorks": true,
            "scriptFeaturesWork": true,
        ]
    }

    @Test func sixtyFourConcurrentWritersAreAcknowledgedAfterTheirCommit() throws {
        let kiosk = try TestKiosk()
        let perConnection = 20
        let acknowledged = Mutex<Set<Int64>>([])
        let failures = Mutex(0)
        concurrently(64) { writer in
            do {
                let connection = try kiosk.connect()
                for n in 0..<perConnection {
                    let reply = try connection.json("POST", "/api/v1/lab/checks", Self.check(machine: "M\(writer)-\(n)"))
                    if reply.status == 201, let id = try reply.json()["id"] as? Int64 {
                        acknowledged.withLock { _ = $0.insert(id) }
                    } else {
                        failures.withLock { $0 += 1 }
                    }
                }
            } catch {
                failures.withLock { $0 += 1 }
            }
        }
        let statistics = kiosk.application.writer.statistics
        let path = kiosk.application.configuration.databasePath
        kiosk.stop()

        #expect(failures.withLock { $0 } == 0)
        let ids = acknowledged.withLock { $0 }
        #expect(ids.count == 64 * perConnection)
        let database = try KioskDatabase(path: path)
        let stored = try database.pool.read { db in Set(try Int64.fetchAll(db, sql: "SELECT id FROM lab_check")) }
        #expect(stored == ids)
        #expect(statistics.commits < statistics.writes, "every row took its own commit")
        try database.close()
    }

    @Test func aFailingMachineIsToldWhyInBothLanguages() throws {
        let kiosk = try TestKiosk()
        let reply = try kiosk.connect().json("POST", "/api/v1/lab/checks", Self.check(machine: "A-01", width: 800, height: 600))
        #expect(reply.status == 201)
        let body = try reply.json()
        #expect(body["passed"] as? Bool == false)
        let problems = try #require(body["problems"] as? [[String: String]])
        #expect(problems.map { $0["code"] } == ["screen_too_small"])
        #expect(problems.first?["message"] == "屏幕分辨率低于 1024×768")
        #expect(problems.first?["messageEn"] == "The screen is smaller than 1024×768")
    }

    @Test(arguments: [
        ("{\"machine\": ", 400, "invalid_json"),
        ("[1, 2, 3]", 400, "invalid_json"),
        ("{\"machine\": \"A\"}", 400, "invalid_json"),
        ("{\"machine\": 7, \"userAgent\": \"x\", \"screenWidth\": 1, \"screenHeight\": 1, \"clockOffsetMs\": 0, \"roundTripMs\": 0, \"storageWorks\": true, \"scriptFeaturesWork\": true}", 400, "invalid_json"),
        ("{\"machine\": \"\", \"userAgent\": \"x\", \"screenWidth\": 1024, \"screenHeight\": 768, \"clockOffsetMs\": 0, \"roundTripMs\": 0, \"storageWorks\": true, \"scriptFeaturesWork\": true}", 422, "implausible_check"),
        ("{\"machine\": \"A\", \"userAgent\": \"x\", \"screenWidth\": -5, \"screenHeight\": 768, \"clockOffsetMs\": 0, \"roundTripMs\": 0, \"storageWorks\": true, \"scriptFeaturesWork\": true}", 422, "implausible_check"),
        ("{\"machine\": \"A\", \"userAgent\": \"x\", \"screenWidth\": 1e400, \"screenHeight\": 768, \"clockOffsetMs\": 0, \"roundTripMs\": 0, \"storageWorks\": true, \"scriptFeaturesWork\": true}", 400, "invalid_json"),
        ("\u{FF}\u{FE}garbage", 400, "invalid_json"),
    ])
    func badInputGetsAClearErrorAndNothingIsStored(body: String, status: Int, code: String) throws {
        let kiosk = try TestKiosk()
        let reply = try kiosk.connect().request(
            "POST", "/api/v1/lab/checks", headers: ["Content-Type": "application/json"], body: Array(body.utf8))
        #expect(reply.status == status)
        #expect(reply.errorCode == code)
        let error = try #require(reply.json()["error"] as? [String: String])
        #expect(error["message"]?.isEmpty == false)
        #expect(error["messageEn"]?.isEmpty == false)
        #expect(try kiosk.connect().request("GET", "/healthz").status == 200)
        let rows = try kiosk.application.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lab_check") }
        #expect(rows == 0)
    }

    @Test func aBodyThatIsNotJSONIsRefusedAs415() throws {
        let kiosk = try TestKiosk()
        let reply = try kiosk.connect().request(
            "POST", "/api/v1/lab/checks", headers: ["Content-Type": "text/plain"], body: Array("hello".utf8))
        #expect(reply.status == 415)
        #expect(reply.errorCode == "unsupported_media_type")
    }
}
