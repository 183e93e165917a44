import Foundation
import KioskCore
import KioskServer
import KioskStorage
import KioskTestSupport
import Testing

/// Questionnaire content reaches only a logged-in participant inside an open session: every
/// endpoint is asked, with every kind of login, and only the open participant's attempt holds the
/// instrument's text.
@Suite final class ContentConfidentialityTests {
    let clock = FixedClock(AnsweringFixture.localTime(9, 35))
    let kiosk: TestKiosk
    let fixture: AnsweringFixture
    /// A question of G4-STU-1, whose session has not opened, and one of G8-STU-1, whose has.
    static let closedQuestion = "你是男生还是女生"
    static let openQuestion = "你的性别"

    init() throws {
        kiosk = try TestKiosk(clock: clock)
        fixture = try AnsweringFixture(database: kiosk.application.database, sessions: [
            AnsweringFixture.session("T-G4", instrument: "G4-STU-1", grade: 4, start: "10:00", end: "11:00", duration: 30, proctorStart: false),
            AnsweringFixture.session("T-G8", instrument: "G8-STU-1", grade: 8, start: "09:30", end: "11:00", duration: 30, proctorStart: false),
        ], at: clock.now)
        let directory = StaffDirectory(database: kiosk.application.database)
        for role in StaffRole.allCases {
            try directory.add(name: role.rawValue, role: role, password: "correct horse battery", actor: "test")
        }
    }

    func participantCookie(_ id: String) throws -> [String: String] {
        let login = try kiosk.connect().json("POST", "/api/v1/login", ["id": id, "code": fixture.codes[id]!])
        return ["Cookie": "kiosk_token=\(try login.json()["token"] as? String ?? "")"]
    }

    func staffHeaders(_ name: String) throws -> [String: String] {
        let login = try kiosk.connect().json("POST", "/api/v1/staff/login", ["name": name, "password": "correct horse battery"])
        return ["Cookie": String(login.headers["set-cookie"]?.split(separator: ";").first ?? ""),
                "X-CSRF-Token": try login.json()["csrfToken"] as? String ?? ""]
    }

    @Test func onlyTheOpenParticipantsAttemptCarriesTheInstrument() throws {
        let waiting = try participantCookie("G4S001")
        let answering = try participantCookie("G8S001")
        let token = try ExportTokenIssuer(database: kiosk.application.database).create(name: "script", actor: "test")
        var credentials: [(String, [String: String])] = [
            ("nobody", [:]), ("waiting participant", waiting), ("answering participant", answering),
            ("export token", ["Authorization": "Bearer \(token)"]),
        ]
        for role in StaffRole.allCases { credentials.append((role.rawValue, try staffHeaders(role.rawValue))) }

        var gets = [
            "/api/v1/attempt", "/api/v1/attempt/status", "/api/v1/time", "/healthz", "/api/v1/staff/me", "/api/v1/staff/day",
            "/api/v1/staff/sessions/T-G4/roster", "/api/v1/staff/sessions/T-G8/roster", "/api/v1/staff/sessions/T-G4/report",
            "/api/v1/staff/sessions/T-G8/report", "/api/v1/staff/incidents", "/api/v1/staff/lab-checks", "/api/v1/staff/audit",
            "/api/v1/export/manifest", "/kiosk/", "/kiosk/kiosk.js", "/proctor/", "/proctor/proctor.js", "/check/",
        ]
        let manifest = try kiosk.connect().request("GET", "/api/v1/export/manifest", headers: ["Authorization": "Bearer \(token)"])
        for file in try manifest.json()["files"] as? [[String: Any]] ?? [] {
            gets.append("/api/v1/export/files/\(file["name"] as! String)")
        }
        #expect(gets.contains("/api/v1/export/files/codebook.json"))

        var openSightings: [String] = []
        for (who, headers) in credentials {
            for path in gets {
                let reply = try kiosk.connect().request("GET", path, headers: headers)
                let body = String(decoding: reply.body, as: UTF8.self)
                #expect(!body.contains(Self.closedQuestion), "\(who) got the unopened session's questions from \(path)")
                if body.contains(Self.openQuestion) { openSightings.append("\(who) \(path)") }
            }
        }
        let allowed: Set<String> = [
            "answering participant /api/v1/attempt",
            // The open session's instrument, to those who export: the officer and collection scripts.
            "export token /api/v1/export/files/codebook.csv", "export token /api/v1/export/files/codebook.json",
            "export token /api/v1/export/files/responses-G8-STU-1.sav", "export token /api/v1/export/files/responses-G8-STU-1.dta",
            "officer /api/v1/export/files/codebook.csv", "officer /api/v1/export/files/codebook.json",
            "officer /api/v1/export/files/responses-G8-STU-1.sav", "officer /api/v1/export/files/responses-G8-STU-1.dta",
        ]
        #expect(Set(openSightings).isSubset(of: allowed), "\(Set(openSightings).subtracting(allowed))")
        #expect(openSightings.contains("answering participant /api/v1/attempt"))

        let staticFile = try kiosk.connect().request("GET", "/kiosk/kiosk.js")
        #expect(staticFile.headers["cache-control"]?.contains("no-") == true)
        let attempt = try kiosk.connect().request("GET", "/api/v1/attempt", headers: answering)
        #expect(attempt.headers["cache-control"] == "no-store", "questionnaire content may be cached by the browser")
    }
}
