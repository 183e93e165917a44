import Foundation
import GRDB
import KioskCore
import KioskServer
import KioskStorage
import KioskTestSupport
import Testing

/// The staff API against the real server: every console action, and who may do it.
@Suite final class ProctorAPITests {
    let clock = FixedClock(AnsweringFixture.localTime(9, 35))
    let kiosk: TestKiosk
    let fixture: AnsweringFixture
    static let password = "correct horse battery"

    /// A staff member's connection with the login's cookie and CSRF token.
    struct Staff {
        var connection: HTTPConnection
        var cookie: String
        var csrf: String

        func get(_ path: String) throws -> HTTPConnection.Reply {
            try connection.request("GET", path, headers: ["Cookie": cookie])
        }

        func send(_ method: String, _ path: String, _ body: [String: Any] = [:], csrf: String? = nil) throws -> HTTPConnection.Reply {
            try connection.json(method, path, body, headers: ["Cookie": cookie, "X-CSRF-Token": csrf ?? self.csrf])
        }
    }

    init() throws {
        kiosk = try TestKiosk(clock: clock)
        fixture = try AnsweringFixture(database: kiosk.application.database, sessions: [
            AnsweringFixture.session("T-G4", instrument: "G4-STU-1", grade: 4, start: "09:30", end: "11:00", duration: 30, proctorStart: true),
            AnsweringFixture.session("T-G8", instrument: "G8-STU-1", grade: 8, start: "13:00", end: "14:00", duration: 30, proctorStart: true),
        ], at: clock.now)
        let directory = StaffDirectory(database: kiosk.application.database)
        try directory.add(name: "王老师", role: .proctor, password: Self.password, actor: "test")
        try directory.add(name: "inspector", role: .inspector, password: Self.password, actor: "test")
        try directory.add(name: "officer", role: .officer, password: Self.password, actor: "test")
    }

    func staff(_ name: String) throws -> Staff {
        let connection = try kiosk.connect()
        let reply = try connection.json("POST", "/api/v1/staff/login", ["name": name, "password": Self.password])
        #expect(reply.status == 200)
        let cookie = try #require(reply.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        return Staff(connection: connection, cookie: cookie, csrf: try reply.json()["csrfToken"] as? String ?? "")
    }

    /// A participant's connection and cookie.
    func participant(_ id: String) throws -> (HTTPConnection, [String: String]) {
        let connection = try kiosk.connect()
        let reply = try connection.json("POST", "/api/v1/login", ["id": id, "code": fixture.codes[id]!])
        #expect(reply.status == 200, "login of \(id): \(reply.text)")
        return (connection, ["Cookie": "kiosk_token=\(try reply.json()["token"] as? String ?? "")"])
    }

    func attempt(_ participant: (HTTPConnection, [String: String])) throws -> [String: Any] {
        try participant.0.request("GET", "/api/v1/attempt", headers: participant.1).json()
    }

    func row(_ staff: Staff, _ id: String, session: String = "T-G4") throws -> [String: Any] {
        let roster = try staff.get("/api/v1/staff/sessions/\(session)/roster").json()
        let rows = roster["participants"] as? [[String: Any]] ?? []
        return try #require(rows.first { $0["id"] as? String == id })
    }

    func start(_ staff: Staff) throws {
        #expect(try staff.send("POST", "/api/v1/staff/sessions/T-G4/start").status == 200)
    }

    // MARK: - Logging in

    @Test func loginGivesAStrictCookieAndACSRFToken() throws {
        let connection = try kiosk.connect()
        let reply = try connection.json("POST", "/api/v1/staff/login", ["name": "王老师", "password": Self.password])
        #expect(reply.status == 200)
        let cookie = try #require(reply.headers["set-cookie"])
        #expect(cookie.hasPrefix("kiosk_staff=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let body = try reply.json()
        #expect((body["staff"] as? [String: Any])?["role"] as? String == "proctor")
        #expect((body["csrfToken"] as? String)?.count ?? 0 >= 43)
        let me = try connection.request("GET", "/api/v1/staff/me", headers: ["Cookie": String(cookie.split(separator: ";")[0])])
        #expect(try me.json()["csrfToken"] as? String == body["csrfToken"] as? String)
    }

    @Test func wrongPasswordsUnknownNamesAndDisabledAccountsAreRefused() throws {
        let connection = try kiosk.connect()
        let wrong = try connection.json("POST", "/api/v1/staff/login", ["name": "王老师", "password": "wrong password"])
        #expect(wrong.status == 401 && wrong.errorCode == "invalid_staff_credentials")
        let unknown = try connection.json("POST", "/api/v1/staff/login", ["name": "nobody", "password": Self.password])
        #expect(unknown.errorCode == "invalid_staff_credentials")
        let proctor = try staff("王老师")
        try StaffDirectory(database: kiosk.application.database).disable(name: "王老师", actor: "test")
        #expect(try proctor.get("/api/v1/staff/day").errorCode == "staff_not_logged_in", "a disabled account's login lives on")
        let again = try connection.json("POST", "/api/v1/staff/login", ["name": "王老师", "password": Self.password])
        #expect(again.errorCode == "invalid_staff_credentials")
    }

    @Test func repeatedFailuresAreThrottled() throws {
        let connection = try kiosk.connect()
        for _ in 0..<5 { _ = try connection.json("POST", "/api/v1/staff/login", ["name": "officer", "password": "wrong-password"]) }
        let throttled = try connection.json("POST", "/api/v1/staff/login", ["name": "officer", "password": Self.password])
        #expect(throttled.status == 429 && throttled.errorCode == "too_many_attempts")
    }

    @Test func logoutEndsTheLogin() throws {
        let proctor = try staff("王老师")
        #expect(try proctor.send("POST", "/api/v1/staff/logout").status == 204)
        #expect(try proctor.get("/api/v1/staff/day").errorCode == "staff_not_logged_in")
    }

    // MARK: - Authorization

    @Test func participantTokensNeverReachStaffAPIsNorTheOtherWayRound() throws {
        let student = try participant("G4S001")
        let token = try #require(student.1["Cookie"]?.replacingOccurrences(of: "kiosk_token=", with: ""))
        for headers in [["Authorization": "Bearer \(token)"], ["Cookie": "kiosk_staff=\(token)"]] {
            let reply = try kiosk.connect().request("GET", "/api/v1/staff/day", headers: headers)
            #expect(reply.status == 401 && reply.errorCode == "staff_not_logged_in")
        }
        let proctor = try staff("王老师")
        let staffToken = proctor.cookie.replacingOccurrences(of: "kiosk_staff=", with: "")
        let asParticipant = try kiosk.connect().request("GET", "/api/v1/attempt", headers: ["Authorization": "Bearer \(staffToken)"])
        #expect(asParticipant.errorCode == "not_logged_in")
    }

    @Test func changesWithoutTheLoginsCSRFTokenAreRefused() throws {
        let proctor = try staff("王老师")
        let other = try staff("officer")
        for csrf in ["", "forged", other.csrf] {
            let reply = try proctor.send("POST", "/api/v1/staff/sessions/T-G4/start", csrf: csrf)
            #expect(reply.status == 403 && reply.errorCode == "csrf_token_invalid")
        }
        let noHeader = try proctor.connection.json("POST", "/api/v1/staff/sessions/T-G4/start", [:], headers: ["Cookie": proctor.cookie])
        #expect(noHeader.errorCode == "csrf_token_invalid")
        #expect(try row(proctor, "G4S001")["status"] as? String == "not_logged_in")
        let day = try proctor.get("/api/v1/staff/day").json()["sessions"] as? [[String: Any]]
        #expect(day?.first?["state"] as? String == "awaiting_start", "a refused start started the session")
    }

    @Test func inspectorsSeeEverythingAndChangeNothing() throws {
        _ = try participant("G4S001")
        let inspector = try staff("inspector")
        for path in ["/api/v1/staff/day", "/api/v1/staff/sessions/T-G4/roster", "/api/v1/staff/sessions/T-G4/report",
                     "/api/v1/staff/incidents", "/api/v1/staff/lab-checks", "/api/v1/staff/audit"] {
            #expect(try inspector.get(path).status == 200, "\(path)")
        }
        let participantPath = "/api/v1/staff/sessions/T-G4/participants/G4S001"
        let changes: [(String, String, [String: Any])] = [
            ("POST", "/api/v1/staff/sessions/T-G4/start", [:]),
            ("POST", "/api/v1/staff/sessions/T-G4/pause", [:]),
            ("POST", "/api/v1/staff/sessions/T-G4/resume", [:]),
            ("POST", "/api/v1/staff/sessions/T-G4/end", ["reason": "test"]),
            ("POST", participantPath + "/extra-time", ["minutes": 5, "reason": "test"]),
            ("POST", participantPath + "/unlock", [:]),
            ("PUT", participantPath + "/mark", ["kind": "absent", "reason": "sick"]),
            ("DELETE", participantPath + "/mark", [:]),
            ("POST", "/api/v1/staff/incidents", ["kind": "power", "occurredAt": clock.now.timeIntervalSince1970 * 1000,
                                                 "description": "x", "action": "y"]),
        ]
        for (method, path, body) in changes {
            let reply = try inspector.send(method, path, body)
            #expect(reply.status == 403 && reply.errorCode == "forbidden_role", "\(method) \(path): \(reply.status)")
        }
        let audit = try kiosk.application.database.pool.read { db in try AuditEntry.all(db) }
        #expect(!audit.contains { $0.actor == "inspector" && $0.action != "staff.login" })
    }

    @Test func officersMayDoWhatProctorsMay() throws {
        let officer = try staff("officer")
        #expect(try officer.send("POST", "/api/v1/staff/sessions/T-G4/start").status == 200)
    }

    @Test func unknownSessionsAndParticipantsAreNotFound() throws {
        let proctor = try staff("王老师")
        #expect(try proctor.get("/api/v1/staff/sessions/NOPE/roster").errorCode == "session_not_found")
        #expect(try proctor.send("POST", "/api/v1/staff/sessions/NOPE/start").errorCode == "session_not_found")
        let grade8InGrade4 = try proctor.send("POST", "/api/v1/staff/sessions/T-G4/participants/G8S001/unlock")
        #expect(grade8InGrade4.status == 404 && grade8InGrade4.errorCode == "participant_not_found")
    }

    // MARK: - Sessions

    @Test func aProctorsStartOpensTheSessionForItsParticipants() throws {
        let student = try participant("G4S001")
        #expect(try attempt(student)["state"] as? String == "waiting")
        let proctor = try staff("王老师")
        let started = try proctor.send("POST", "/api/v1/staff/sessions/T-G4/start")
        #expect(started.status == 200)
        #expect(try started.json()["state"] as? String == "open")
        let opened = try attempt(student)
        #expect(opened["state"] as? String == "open" && opened["instrument"] != nil)
        #expect(try proctor.send("POST", "/api/v1/staff/sessions/T-G4/start").errorCode == "session_already_open")
    }

    @Test func startingOutsideTheWindowNeedsAWrittenReason() throws {
        let proctor = try staff("王老师")
        let bare = try proctor.send("POST", "/api/v1/staff/sessions/T-G8/start")
        #expect(bare.status == 422 && bare.errorCode == "reason_required")
        let blank = try proctor.send("POST", "/api/v1/staff/sessions/T-G8/start", ["reason": "   "])
        #expect(blank.errorCode == "reason_required")
        let reasoned = try proctor.send("POST", "/api/v1/staff/sessions/T-G8/start", ["reason": "下午停电，提前进行"])
        #expect(reasoned.status == 200)
        #expect(try reasoned.json()["state"] as? String == "open")
        let entry = try kiosk.application.database.pool.read { db in try AuditEntry.latest(limit: 1, db).first }
        #expect(entry?.action == "session.start" && entry?.actor == "王老师" && entry?.reason == "下午停电，提前进行")
    }

    @Test func aPauseStopsEveryClockAndTheResumeMovesEveryDeadline() throws {
        let proctor = try staff("王老师")
        try start(proctor)
        let student = try participant("G4S001")
        let opened = try attempt(student)
        let remainingAtStart = try #require(opened["remainingMs"] as? Int)
        let before = try student.0.json("PUT", "/api/v1/attempt/answers", ["answers": [["item": "S1Q01", "value": 1, "seq": 1]]], headers: student.1)
        #expect(before.status == 200)
        clock.advance(by: 60)
        let paused = try proctor.send("POST", "/api/v1/staff/sessions/T-G4/pause", ["reason": "停电"])
        #expect(try paused.json()["state"] as? String == "paused")
        clock.advance(by: 45 * 60)   // longer than the 30 minutes the participant had
        let during = try attempt(student)
        #expect(during["state"] as? String == "paused")
        #expect(during["remainingMs"] as? Int == remainingAtStart - 60_000)
        #expect(during["instrument"] == nil)
        let save = try student.0.json("PUT", "/api/v1/attempt/answers", ["answers": [["item": "S1Q01", "value": 2, "seq": 2]]], headers: student.1)
        #expect(save.status == 409 && save.errorCode == "attempt_not_open")
        let closed = try kiosk.application.database.pool.write { db in try AttemptRecord.closeOverdue(at: self.clock.now, db) }
        #expect(closed == 0, "an attempt timed out while the room was paused")
        #expect(try proctor.send("POST", "/api/v1/staff/sessions/T-G4/pause").errorCode == "session_not_open")

        #expect(try proctor.send("POST", "/api/v1/staff/sessions/T-G4/resume").status == 200)
        let after = try attempt(student)
        #expect(after["state"] as? String == "open")
        #expect(after["remainingMs"] as? Int == remainingAtStart - 60_000, "the resume did not move the deadline by the pause")
        let status = try student.0.request("GET", "/api/v1/attempt/status", headers: student.1).json()
        #expect(status["remainingMs"] as? Int == remainingAtStart - 60_000 && status["instrument"] == nil)
        let resumed = try student.0.json("PUT", "/api/v1/attempt/answers", ["answers": [["item": "S1Q01", "value": 2, "seq": 2]]], headers: student.1)
        #expect(resumed.status == 200)
        #expect(try resumed.json()["remainingMs"] as? Int == remainingAtStart - 60_000)
        #expect(try proctor.send("POST", "/api/v1/staff/sessions/T-G4/resume").errorCode == "session_not_paused")
        let day = try proctor.get("/api/v1/staff/day").json()["sessions"] as? [[String: Any]]
        #expect(day?.first?["pausedMs"] as? Int == 45 * 60_000)
    }

    @Test func endingASessionClosesItsOpenAttempts() throws {
        let proctor = try staff("王老师")
        try start(proctor)
        let student = try participant("G4S001")
        _ = try attempt(student)
        #expect(try proctor.send("POST", "/api/v1/staff/sessions/T-G4/end").errorCode == "reason_required")
        let ended = try proctor.send("POST", "/api/v1/staff/sessions/T-G4/end", ["reason": "全部完成"])
        #expect(try ended.json()["state"] as? String == "ended")
        #expect(try attempt(student)["state"] as? String == "timed_out")
        #expect(try row(proctor, "G4S001")["status"] as? String == "timed_out")
        #expect(try row(proctor, "G4S002")["status"] as? String == "not_logged_in")
        #expect(try proctor.send("POST", "/api/v1/staff/sessions/T-G4/start", ["reason": "again"]).errorCode == "session_ended")
    }

    // MARK: - Participants

    @Test func theRosterShowsProgressTimeAndMachine() throws {
        let proctor = try staff("王老师")
        try start(proctor)
        let student = try participant("G4S001")
        _ = try attempt(student)
        let save = try student.0.json("PUT", "/api/v1/attempt/answers",
                                      ["answers": [["item": "S1Q01", "value": 1, "seq": 1]], "position": 1], headers: student.1)
        #expect(save.status == 200)
        let line = try row(proctor, "G4S001")
        #expect(line["status"] as? String == "answering")
        #expect(line["page"] as? Int == 2)
        #expect((line["pages"] as? Int ?? 0) > 2)
        #expect(line["answered"] as? Int == 1)
        #expect((line["answerable"] as? Int ?? 0) > 10)
        #expect((line["remainingMs"] as? Int ?? 0) > 0)
        #expect(line["loggedIn"] as? Bool == true)
        #expect((line["machine"] as? [String: Any])?["address"] as? String == "127.0.0.1")
        let roster = try proctor.get("/api/v1/staff/sessions/T-G4/roster").json()
        let counts = (roster["session"] as? [String: Any])?["counts"] as? [String: Int]
        #expect(counts?["answering"] == 1)
        #expect(counts?["sampled"] == (roster["participants"] as? [Any])?.count)
    }

    @Test func extraTimeMovesTheDeadlineAndReopensATimedOutAttempt() throws {
        let proctor = try staff("王老师")
        try start(proctor)
        let student = try participant("G4S001")
        let before = try #require(try attempt(student)["remainingMs"] as? Int)
        let missingReason = try proctor.send("POST", "/api/v1/staff/sessions/T-G4/participants/G4S001/extra-time", ["minutes": 5])
        #expect(missingReason.errorCode == "reason_required")
        let tooMuch = try proctor.send("POST", "/api/v1/staff/sessions/T-G4/participants/G4S001/extra-time", ["minutes": 999, "reason": "x"])
        #expect(tooMuch.status == 422 && tooMuch.errorCode == "invalid_minutes")
        let given = try proctor.send("POST", "/api/v1/staff/sessions/T-G4/participants/G4S001/extra-time",
                                     ["minutes": 5, "reason": "电脑死机"])
        #expect(given.status == 200)
        #expect(try given.json()["extraMinutes"] as? Int == 5)
        #expect(try attempt(student)["remainingMs"] as? Int == before + 5 * 60_000)

        clock.advance(by: 36 * 60)
        _ = try kiosk.application.database.pool.write { db in try AttemptRecord.closeOverdue(at: self.clock.now, db) }
        #expect(try attempt(student)["state"] as? String == "timed_out")
        _ = try proctor.send("POST", "/api/v1/staff/sessions/T-G4/participants/G4S001/extra-time", ["minutes": 10, "reason": "重启耽误"])
        let reopened = try attempt(student)
        #expect(reopened["state"] as? String == "open")
        #expect(reopened["remainingMs"] as? Int == 9 * 60_000)
        let notLoggedIn = try proctor.send("POST", "/api/v1/staff/sessions/T-G4/participants/G4S009/extra-time", ["minutes": 5, "reason": "x"])
        #expect(notLoggedIn.errorCode == "participant_not_logged_in")
    }

    @Test func unlockMovesTheParticipantToAnotherMachineWithEveryAnswer() throws {
        let proctor = try staff("王老师")
        try start(proctor)
        let first = try participant("G4S001")
        _ = try attempt(first)
        let saved = try first.0.json("PUT", "/api/v1/attempt/answers", ["answers": [["item": "S1Q01", "value": 2, "seq": 1]]], headers: first.1)
        #expect(saved.status == 200)
        let locked = try kiosk.connect().json("POST", "/api/v1/login", ["id": "G4S001", "code": fixture.codes["G4S001"]!])
        #expect(locked.errorCode == "attempt_locked")
        #expect(try proctor.send("POST", "/api/v1/staff/sessions/T-G4/participants/G4S001/unlock", ["reason": "换机"]).status == 200)
        #expect(try first.0.request("GET", "/api/v1/attempt", headers: first.1).errorCode == "not_logged_in")
        let stale = try first.0.json("PUT", "/api/v1/attempt/answers", ["answers": [["item": "S1Q01", "value": 3, "seq": 2]]], headers: first.1)
        #expect(stale.errorCode == "not_logged_in", "the unlocked machine still saved")
        let second = try participant("G4S001")
        let resumed = try attempt(second)
        #expect(resumed["state"] as? String == "open")
        #expect((resumed["answers"] as? [String: Any])?["S1Q01"] as? Int == 2)
        #expect(resumed["ackSeq"] as? Int == 1)
    }

    @Test func absentAndExcludedMarksKeepTheParticipantOutUntilCleared() throws {
        let proctor = try staff("王老师")
        let path = "/api/v1/staff/sessions/T-G4/participants/G4S002/mark"
        let unknownReason = try proctor.send("PUT", path, ["kind": "absent", "reason": "bored"])
        #expect(unknownReason.status == 422 && unknownReason.errorCode == "invalid_mark")
        #expect(try proctor.send("PUT", path, ["kind": "excluded", "reason": "other"]).errorCode == "invalid_mark")
        let marked = try proctor.send("PUT", path, ["kind": "absent", "reason": "sick", "note": "发烧"])
        #expect(marked.status == 200)
        #expect(try marked.json()["status"] as? String == "absent")
        let login = try kiosk.connect().json("POST", "/api/v1/login", ["id": "G4S002", "code": fixture.codes["G4S002"]!])
        #expect(login.status == 409 && login.errorCode == "participant_marked")
        #expect(try proctor.send("DELETE", path).status == 200)
        _ = try participant("G4S002")

        try start(proctor)
        let answering = try participant("G4S003")
        _ = try attempt(answering)
        let tooLate = try proctor.send("PUT", "/api/v1/staff/sessions/T-G4/participants/G4S003/mark", ["kind": "absent", "reason": "sick"])
        #expect(tooLate.status == 409 && tooLate.errorCode == "attempt_started")
    }

    // MARK: - Incidents and reports

    @Test func incidentsAreRecordedWithWhoAndListedBySession() throws {
        let proctor = try staff("王老师")
        let now = Int(clock.now.timeIntervalSince1970 * 1000)
        let body: [String: Any] = ["sessionId": "T-G4", "kind": "power", "occurredAt": now, "participants": ["g4s001", "G4S002"],
                                   "description": "<script>alert(1)</script>机房断电", "action": "暂停全场"]
        let created = try proctor.send("POST", "/api/v1/staff/incidents", body)
        #expect(created.status == 201)
        let incident = try created.json()
        #expect(incident["recordedBy"] as? String == "王老师")
        #expect(incident["participants"] as? [String] == ["G4S001", "G4S002"])
        #expect(incident["description"] as? String == "<script>alert(1)</script>机房断电")
        var unknown = body
        unknown["participants"] = ["NOBODY"]
        #expect(try proctor.send("POST", "/api/v1/staff/incidents", unknown).errorCode == "invalid_incident")
        var empty = body
        empty["action"] = " "
        #expect(try proctor.send("POST", "/api/v1/staff/incidents", empty).errorCode == "invalid_incident")
        var badKind = body
        badKind["kind"] = "fire"
        #expect(try proctor.send("POST", "/api/v1/staff/incidents", badKind).errorCode == "invalid_json")
        let listed = try proctor.get("/api/v1/staff/incidents?session=T-G4").json()["incidents"] as? [[String: Any]]
        #expect(listed?.count == 1)
        #expect((try proctor.get("/api/v1/staff/incidents?session=T-G8").json()["incidents"] as? [Any])?.isEmpty == true)
    }

    @Test func theCompletionReportCountsEveryoneWithReasons() throws {
        let proctor = try staff("王老师")
        _ = try proctor.send("PUT", "/api/v1/staff/sessions/T-G4/participants/G4S010/mark", ["kind": "absent", "reason": "sick"])
        _ = try proctor.send("PUT", "/api/v1/staff/sessions/T-G4/participants/G4S011/mark",
                             ["kind": "excluded", "reason": "special_needs"])
        try start(proctor)
        let finisher = try participant("G4S001")
        _ = try attempt(finisher)
        #expect(try finisher.0.request("POST", "/api/v1/attempt/submit", headers: finisher.1).status == 200)
        let answering = try participant("G4S002")
        _ = try attempt(answering)
        let report = try proctor.get("/api/v1/staff/sessions/T-G4/report").json()
        #expect((report["site"] as? [String: Any])?["timeZone"] as? String == "Asia/Shanghai")
        let counts = try #require(report["counts"] as? [String: Any])
        let sampled = try #require(counts["sampled"] as? Int)
        #expect(sampled == (report["participants"] as? [Any])?.count)
        #expect(counts["present"] as? Int == 2)
        #expect(counts["finished"] as? Int == 1)
        #expect(counts["notFinished"] as? Int == 1)
        #expect(counts["absent"] as? Int == 1 && counts["excluded"] as? Int == 1)
        #expect(counts["notLoggedIn"] as? Int == sampled - 4)
        #expect((counts["absentReasons"] as? [String: Int]) == ["sick": 1])
        #expect((counts["excludedReasons"] as? [String: Int]) == ["special_needs": 1])
    }

    @Test func everyChangeIsAuditedWithWhoWhatAndWhy() throws {
        let proctor = try staff("王老师")
        try start(proctor)
        _ = try participant("G4S001")
        _ = try proctor.send("POST", "/api/v1/staff/sessions/T-G4/participants/G4S001/unlock", ["reason": "换机"])
        _ = try proctor.send("POST", "/api/v1/staff/sessions/T-G4/pause", ["reason": "停电"])
        let entries = try proctor.get("/api/v1/staff/audit?limit=3").json()["entries"] as? [[String: Any]] ?? []
        #expect(entries.map { $0["action"] as? String } == ["session.pause", "participant.unlock", "session.start"])
        #expect(entries.allSatisfy { $0["actor"] as? String == "王老师" && ($0["at"] as? Int ?? 0) > 0 })
        #expect(entries[1]["subject"] as? String == "G4S001" && entries[1]["reason"] as? String == "换机")
        #expect((entries[1]["detail"] as? [String: Any])?["session"] as? String == "T-G4")
        #expect(try proctor.get("/api/v1/staff/audit?limit=0").errorCode == "invalid_limit")
    }

    @Test func theReadinessListShowsEachMachinesLatestCheck() throws {
        let check: [String: Any] = ["machine": "A-07", "userAgent": "Mozilla/5.0 Chrome/109.0", "screenWidth": 1280,
                                    "screenHeight": 800, "clockOffsetMs": 40, "roundTripMs": 12, "storageWorks": true,
                                    "scriptFeaturesWork": true]
        var renamed = check
        renamed["machine"] = "B-02"
        #expect(try kiosk.connect().json("POST", "/api/v1/lab/checks", renamed).status == 201)
        #expect(try kiosk.connect().json("POST", "/api/v1/lab/checks", check).status == 201)
        let inspector = try staff("inspector")
        let machines = try inspector.get("/api/v1/staff/lab-checks").json()["machines"] as? [[String: Any]]
        #expect(machines?.map { $0["machine"] as? String } == ["A-07", "B-02"])
        #expect(machines?.first?["passed"] as? Bool == true)
        _ = try participant("G4S001")
        let machine = try row(inspector, "G4S001")["machine"] as? [String: Any]
        #expect(machine?["label"] as? String == "A-07", "the roster names a machine by its address's latest report")
    }
}
