import Foundation
import KioskServer
import KioskStorage
import KioskTestSupport
import Testing

/// The export over HTTP: export tokens and officers only, files from one snapshot, the event cursor.
@Suite final class ExportAPITests {
    let clock = FixedClock(AnsweringFixture.localTime(9, 35))
    let kiosk: TestKiosk
    let fixture: AnsweringFixture
    let token: String

    init() throws {
        kiosk = try TestKiosk(clock: clock)
        fixture = try AnsweringFixture(database: kiosk.application.database, sessions: [
            AnsweringFixture.session("T-G4", instrument: "G4-STU-1", grade: 4, start: "09:30", end: "11:00", duration: 30, proctorStart: false),
        ], at: clock.now)
        let directory = StaffDirectory(database: kiosk.application.database)
        try directory.add(name: "officer", role: .officer, password: "correct horse battery", actor: "test")
        try directory.add(name: "proctor", role: .proctor, password: "correct horse battery", actor: "test")
        token = try ExportTokenIssuer(database: kiosk.application.database).create(name: "collector", actor: "test")

        let connection = try kiosk.connect()
        let login = try connection.json("POST", "/api/v1/login", ["id": "G4S001", "code": fixture.codes["G4S001"]!])
        let cookie = ["Cookie": "kiosk_token=\(try login.json()["token"] as? String ?? "")"]
        _ = try connection.request("GET", "/api/v1/attempt", headers: cookie)
        let saved = try connection.json("PUT", "/api/v1/attempt/answers", ["answers": [["item": "S1Q01", "value": 1, "seq": 1]]], headers: cookie)
        #expect(saved.status == 200)
    }

    func get(_ path: String, _ headers: [String: String]) throws -> HTTPConnection.Reply {
        try kiosk.connect().request("GET", path, headers: headers)
    }

    var bearer: [String: String] { ["Authorization": "Bearer \(token)"] }

    func staffCookie(_ name: String) throws -> [String: String] {
        let reply = try kiosk.connect().json("POST", "/api/v1/staff/login", ["name": name, "password": "correct horse battery"])
        return ["Cookie": String(reply.headers["set-cookie"]?.split(separator: ";").first ?? "")]
    }

    @Test func onlyExportTokensAndOfficersMayExport() throws {
        #expect(try get("/api/v1/export/manifest", [:]).errorCode == "export_not_authorized")
        #expect(try get("/api/v1/export/manifest", ["Authorization": "Bearer not-a-token"]).status == 401)
        let proctor = try get("/api/v1/export/manifest", try staffCookie("proctor"))
        #expect(proctor.status == 403 && proctor.errorCode == "forbidden_role")
        #expect(try get("/api/v1/export/manifest", try staffCookie("officer")).status == 200)
        #expect(try get("/api/v1/export/manifest", bearer).status == 200)
        try ExportTokenIssuer(database: kiosk.application.database).revoke(name: "collector", actor: "test")
        #expect(try get("/api/v1/export/manifest", bearer).errorCode == "export_not_authorized")
    }

    @Test func filesComeWithTheirTypeAndTheEventCursorMovesOn() throws {
        let manifest = try get("/api/v1/export/manifest", bearer)
        let files = try manifest.json()["files"] as? [[String: Any]] ?? []
        #expect(files.contains { $0["name"] as? String == "responses-G4-STU-1.sav" })
        let wide = try get("/api/v1/export/files/responses-G4-STU-1.csv?bom=1", bearer)
        #expect(wide.status == 200 && wide.headers["content-type"] == "text/csv; charset=utf-8")
        #expect(Array(wide.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let events = try get("/api/v1/export/files/answer-events.ndjson", bearer)
        #expect(events.text.split(separator: "\n").count == 1)
        let next = try #require(events.headers["x-export-next-cursor"])
        let after = try get("/api/v1/export/files/answer-events.ndjson?since=\(next)", bearer)
        #expect(after.status == 200 && after.body.isEmpty)
        let entries = try kiosk.application.database.pool.read { db in try AuditEntry.all(db) }
        #expect(entries.contains { $0.action == "export.http" && $0.actor == "export-token:collector" })
    }

    @Test func badRequestsGetClearErrors() throws {
        #expect(try get("/api/v1/export/files/passwords.txt", bearer).errorCode == "export_file_not_found")
        #expect(try get("/api/v1/export/manifest?since=-4", bearer).errorCode == "invalid_cursor")
        #expect(try get("/api/v1/export/manifest?missingCodes=no_response%3D1,not_reached%3D1", bearer).errorCode == "invalid_missing_codes")
        #expect(try get("/api/v1/export/manifest?session=NOPE", bearer).errorCode == "session_not_found")
    }
}
