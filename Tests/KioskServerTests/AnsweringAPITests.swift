import Foundation
import GRDB
import KioskServer
import KioskStorage
import KioskTestSupport
import Testing

/// The participant's API against the real server: every state of an attempt and every error.
@Suite final class AnsweringAPITests {
    let clock = FixedClock(AnsweringFixture.localTime(9, 0))
    let kiosk: TestKiosk
    let fixture: AnsweringFixture

    init() throws {
        kiosk = try TestKiosk(clock: clock)
        fixture = try AnsweringFixture(database: kiosk.application.database, sessions: [
            AnsweringFixture.session("T-NOW", instrument: "G4-STU-1", grade: 4, start: "09:30", end: "11:00", duration: 30, proctorStart: false),
            AnsweringFixture.session("T-PROCTOR", instrument: "G8-STU-1", grade: 8, start: "09:30", end: "11:00", duration: 30, proctorStart: true),
        ], at: clock.now)
    }

    /// Logs in and returns the connection and its cookie header.
    func login(_ id: String, code: String? = nil) throws -> (HTTPConnection, [String: String], HTTPConnection.Reply) {
        let connection = try kiosk.connect()
        let reply = try connection.json("POST", "/api/v1/login", ["id": id, "code": code ?? fixture.codes[id]!])
        let token = (try? reply.json()["token"] as? String) ?? ""
        return (connection, ["Cookie": "kiosk_token=\(token)"], reply)
    }

    func attempt(_ connection: HTTPConnection, _ cookie: [String: String]) throws -> [String: Any] {
        let reply = try connection.request("GET", "/api/v1/attempt", headers: cookie)
        #expect(reply.status == 200)
        return try reply.json()
    }

    func save(_ connection: HTTPConnection, _ cookie: [String: String], _ answers: [[String: Any]], position: Int? = nil) throws -> HTTPConnection.Reply {
        var body: [String: Any] = ["answers": answers]
        if let position { body["position"] = position }
        return try connection.json("PUT", "/api/v1/attempt/answers", body, headers: cookie)
    }

    func storedEvents(_ variable: String) throws -> Int {
        try kiosk.application.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer_event WHERE variable = ?", arguments: [variable])!
        }
    }

    @Test func loginSetsAnHttpOnlyStrictCookieAndNamesTheSession() throws {
        let (_, _, reply) = try login("G4S001")
        #expect(reply.status == 200)
        let cookie = try #require(reply.headers["set-cookie"])
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let body = try reply.json()
        #expect((body["session"] as? [String: Any])?["id"] as? String == "T-NOW")
        #expect((body["participant"] as? [String: Any])?["name"] as? String != nil)
        #expect((body["token"] as? String)?.count ?? 0 >= 43, "a token of fewer than 256 bits")
    }

    @Test func typedCodesAreForgivingButWrongOnesAreRefused() throws {
        let code = fixture.codes["G4S002"]!
        #expect(try login("g4s002", code: code.lowercased().replacingOccurrences(of: "-", with: " ")).2.status == 200)
        let wrong = try login("G4S003", code: fixture.codes["G4S002"]!).2
        #expect(wrong.status == 401)
        #expect(wrong.errorCode == "invalid_credentials")
        #expect(try login("NOBODY", code: code).2.errorCode == "invalid_credentials")
    }

    @Test func repeatedFailuresForOneIDAreThrottled() throws {
        for _ in 0..<5 { #expect(try login("G4S004", code: "AAA-AAA-AAA").2.status == 401) }
        let throttled = try login("G4S004").2
        #expect(throttled.status == 429)
        #expect(throttled.errorCode == "too_many_attempts")
        #expect(Int(throttled.headers["retry-after"] ?? "") ?? 0 > 0)
        #expect(try login("G4S005").2.status == 200, "another ID from the same address was throttled too early")
    }

    @Test func repeatedFailuresFromOneAddressAreThrottled() throws {
        for index in 0..<30 { _ = try login("X\(index)", code: "AAA-AAA-AAA") }
        #expect(try login("G4S006").2.status == 429)
    }

    @Test func waitingThenOpenWithTheInstrumentAndAThirtyMinuteClock() throws {
        let (connection, cookie, _) = try login("G4S001")
        let waiting = try attempt(connection, cookie)
        #expect(waiting["state"] as? String == "waiting")
        #expect(waiting["instrument"] == nil, "the instrument was sent before the session opened")
        #expect(waiting["opensAt"] as? Int64 == Int64(AnsweringFixture.localTime(9, 30).timeIntervalSince1970 * 1000))
        clock.advance(by: 31 * 60)
        let open = try attempt(connection, cookie)
        #expect(open["state"] as? String == "open")
        #expect((open["instrument"] as? [String: Any])?["id"] as? String == "G4-STU-1")
        #expect(open["remainingMs"] as? Int64 == Int64(30 * 60 * 1000))
        let reply = try connection.request("GET", "/api/v1/attempt", headers: cookie)
        #expect(reply.headers["cache-control"] == "no-store")
    }

    @Test func aProctorStartedSessionWaitsInsideItsWindow() throws {
        let (connection, cookie, _) = try login("G8S001")
        clock.advance(by: 45 * 60)
        let attempt = try attempt(connection, cookie)
        #expect(attempt["state"] as? String == "waiting")
        #expect(attempt["instrument"] == nil)
    }

    @Test func answersAreStoredAcknowledgedAndReplaysAreNotWrittenTwice() throws {
        clock.advance(by: 31 * 60)
        let (connection, cookie, _) = try login("G4S001")
        _ = try attempt(connection, cookie)
        let first = try save(connection, cookie, [["item": "S1Q01", "value": 2, "seq": 1], ["item": "S1Q05", "value": [1, 3], "seq": 2]], position: 1)
        #expect(first.status == 200)
        #expect(try first.json()["ackSeq"] as? Int64 == 2)
        let replay = try save(connection, cookie, [["item": "S1Q01", "value": 2, "seq": 1]])
        #expect(try replay.json()["ackSeq"] as? Int64 == 1)
        #expect(try storedEvents("S1Q01") == 1)
        let state = try attempt(connection, cookie)
        let answers = try #require(state["answers"] as? [String: Any])
        #expect(answers["S1Q01"] as? Int == 2)
        #expect(answers["S1Q05"] as? [Int] == [1, 3])
        #expect(state["position"] as? Int == 1)
        #expect(state["ackSeq"] as? Int64 == 2)
    }

    @Test func aLateArrivingOlderSeqDoesNotOverwriteANewerAnswer() throws {
        clock.advance(by: 31 * 60)
        let (connection, cookie, _) = try login("G4S001")
        _ = try attempt(connection, cookie)
        #expect(try save(connection, cookie, [["item": "S1Q04", "value": 5, "seq": 7]]).status == 200)
        #expect(try save(connection, cookie, [["item": "S1Q04", "value": 1, "seq": 6]]).status == 200)
        let answers = try #require(try attempt(connection, cookie)["answers"] as? [String: Any])
        #expect(answers["S1Q04"] as? Int == 5)
        #expect(try storedEvents("S1Q04") == 2, "the older answer is still in the event log")
    }

    @Test(arguments: [
        ("NOPE", "1", "unknown_item"),
        ("S1Q01", "9", "invalid_code"),
        ("S1Q02", "30", "out_of_range"),
        ("S1Q02", "\"ten\"", "wrong_type"),
        ("S1Q43", "\"" + String(repeating: "字", count: 21) + "\"", "too_long"),
        ("S1Q08", "1", "hidden_by_rule"),
        ("S1Q05", "[1, 1]", "invalid_code"),
        ("S1Q05", "[1, 2, 3, 4, 5, 6, 7]", "invalid_code"),
    ])
    func badAnswersAre422WithACodePerItemAndNothingIsStored(item: String, valueJSON: String, code: String) throws {
        let value = try JSONSerialization.jsonObject(with: Data(valueJSON.utf8), options: .fragmentsAllowed)
        clock.advance(by: 31 * 60)
        let (connection, cookie, _) = try login("G4S001")
        _ = try attempt(connection, cookie)
        let reply = try save(connection, cookie, [["item": "S1Q03", "value": 1, "seq": 1], ["item": item, "value": value, "seq": 2]])
        #expect(reply.status == 422)
        let error = try #require(try reply.json()["error"] as? [String: Any])
        #expect(error["code"] as? String == "invalid_answers")
        let items = try #require(error["items"] as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items.first?["item"] as? String == item)
        #expect(items.first?["code"] as? String == code)
        #expect((items.first?["message"] as? String)?.isEmpty == false)
        #expect(try storedEvents("S1Q03") == 0, "a refused batch was partly stored")
    }

    @Test func aSkipRuleOpensOnceItsConditionHolds() throws {
        clock.advance(by: 31 * 60)
        let (connection, cookie, _) = try login("G4S001")
        _ = try attempt(connection, cookie)
        #expect(try save(connection, cookie, [["item": "S1Q07", "value": 3, "seq": 1], ["item": "S1Q08", "value": 2, "seq": 2]]).status == 200)
    }

    @Test func afterTheDeadlineAnswersAreRefusedAndTheServerRecordsTheTimeout() throws {
        clock.advance(by: 31 * 60)
        let (connection, cookie, _) = try login("G4S001")
        _ = try attempt(connection, cookie)
        clock.advance(by: 30 * 60)
        let refused = try save(connection, cookie, [["item": "S1Q01", "value": 1, "seq": 1]])
        #expect(refused.status == 409)
        #expect(refused.errorCode == "attempt_not_open")
        let state = try attempt(connection, cookie)
        #expect(state["state"] as? String == "timed_out")
        #expect(state["instrument"] == nil)
        // With no browser asking, the server itself writes the timeout down.
        var recorded: Date?
        for _ in 0..<50 where recorded == nil {
            Thread.sleep(forTimeInterval: 0.1)
            recorded = try kiosk.application.database.pool.read { db in
                try Date.fetchOne(db, sql: "SELECT timed_out_at FROM attempt WHERE participant_id = 'G4S001'")
            }
        }
        #expect(recorded == AnsweringFixture.localTime(10, 1))
    }

    @Test func submitEndsTheAttemptAndRevokesTheToken() throws {
        clock.advance(by: 31 * 60)
        let (connection, cookie, _) = try login("G4S001")
        _ = try attempt(connection, cookie)
        let submitted = try connection.request("POST", "/api/v1/attempt/submit", headers: cookie)
        #expect(submitted.status == 200)
        #expect(try submitted.json()["state"] as? String == "submitted")
        #expect(try connection.request("GET", "/api/v1/attempt", headers: cookie).errorCode == "not_logged_in")
        #expect(try save(connection, cookie, [["item": "S1Q01", "value": 1, "seq": 8]]).errorCode == "not_logged_in",
                "the submitted login still saved")
        let (again, newCookie, _) = try login("G4S001")
        #expect(try attempt(again, newCookie)["state"] as? String == "submitted")
        #expect(try save(again, newCookie, [["item": "S1Q01", "value": 1, "seq": 9]]).errorCode == "attempt_not_open")
    }

    @Test func savesSeeChangesMadeBehindTheServersBack() throws {
        // Another process (an operator's sqlite3, a `kiosk init`) changes the database: the server
        // has no notice of it, so it is the check at commit that must refuse the save.
        clock.advance(by: 31 * 60)
        let (connection, cookie, _) = try login("G4S001")
        _ = try attempt(connection, cookie)
        #expect(try save(connection, cookie, [["item": "S1Q01", "value": 1, "seq": 1]]).status == 200)
        let elsewhere = try KioskDatabase(path: kiosk.application.configuration.databasePath)
        try elsewhere.pool.write { db in try db.execute(sql: "UPDATE access_token SET revoked_at = ?", arguments: [clock.now]) }
        try elsewhere.close()
        let turnsBefore = try pageTurns()
        #expect(try save(connection, cookie, [["item": "S1Q01", "value": 2, "seq": 2]], position: 2).errorCode == "not_logged_in")
        #expect(try storedEvents("S1Q01") == 1)
        #expect(try pageTurns() == turnsBefore, "the refused save still logged its page turn")
    }

    @Test func aPauseMadeBehindTheServersBackStopsSavesWithTheirPageTurns() throws {
        clock.advance(by: 31 * 60)
        let (connection, cookie, _) = try login("G4S001")
        _ = try attempt(connection, cookie)
        #expect(try save(connection, cookie, [["item": "S1Q01", "value": 1, "seq": 1]], position: 1).status == 200)
        let elsewhere = try KioskDatabase(path: kiosk.application.configuration.databasePath)
        try elsewhere.pool.write { db in try db.execute(sql: "UPDATE session SET paused_at = ?", arguments: [clock.now]) }
        try elsewhere.close()
        let turnsBefore = try pageTurns()
        let refused = try save(connection, cookie, [["item": "S1Q01", "value": 2, "seq": 2]], position: 2)
        #expect(refused.status == 409)
        #expect(refused.errorCode == "attempt_not_open")
        #expect(try storedEvents("S1Q01") == 1)
        #expect(try pageTurns() == turnsBefore, "the refused save still logged its page turn")
        let position = try kiosk.application.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT position FROM attempt")! }
        #expect(position == 1)
    }

    @Test func eachChangeOfPageIsLoggedOnceWithTheBrowsersClock() throws {
        clock.advance(by: 31 * 60)
        let (connection, cookie, _) = try login("G4S001")
        _ = try attempt(connection, cookie)
        let browserClock: Int64 = 1_795_000_123_456
        func save(seq: Int, position: Int?) throws {
            var body: [String: Any] = ["answers": [["item": "S1Q01", "value": 1, "seq": seq]], "clientTime": browserClock + Int64(seq)]
            if let position { body["position"] = position }
            #expect(try connection.json("PUT", "/api/v1/attempt/answers", body, headers: cookie).status == 200)
        }
        try save(seq: 1, position: 1)
        try save(seq: 2, position: 1)
        try save(seq: 3, position: nil)
        try save(seq: 4, position: 3)
        try save(seq: 5, position: 2)
        let turns = try kiosk.application.database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT position, client_time FROM page_event ORDER BY id").map { row in
                (row["position"] as Int, (row["client_time"] as Date?).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) })
            }
        }
        // The first page when the attempt opened, then one line per change, with the clock of the save that made it.
        #expect(turns.map(\.0) == [0, 1, 3, 2])
        #expect(turns.map(\.1) == [nil, browserClock + 1, browserClock + 4, browserClock + 5])
        let furthest = try kiosk.application.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT furthest_position FROM attempt")! }
        #expect(furthest == 3)
    }

    func pageTurns() throws -> Int {
        try kiosk.application.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM page_event")! }
    }

    @Test func aSecondMachineCannotTakeOverAnOpenAttempt() throws {
        clock.advance(by: 31 * 60)
        let (connection, cookie, _) = try login("G4S001")
        _ = try attempt(connection, cookie)
        let second = try login("G4S001").2
        #expect(second.status == 409)
        #expect(second.errorCode == "attempt_locked")
        #expect(try attempt(connection, cookie)["state"] as? String == "open", "the first machine lost its login")
    }

    @Test func theBearerTokenWorksLikeTheCookie() throws {
        let (connection, _, reply) = try login("G4S001")
        let token = try #require(try reply.json()["token"] as? String)
        let state = try connection.request("GET", "/api/v1/attempt", headers: ["Authorization": "Bearer \(token)"])
        #expect(state.status == 200)
        #expect(try connection.request("GET", "/api/v1/attempt", headers: ["Authorization": "Bearer nonsense"]).status == 401)
        #expect(try connection.request("GET", "/api/v1/attempt").errorCode == "not_logged_in")
        // Two Authorization fields name no one token: refused, whichever of them is valid.
        try connection.send("GET /api/v1/attempt HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nAuthorization: Bearer nonsense\r\n\r\n")
        #expect(try connection.readReply().status == 401)
    }

    @Test func aSessionThatEndedUnopenedIsClosed() throws {
        let (connection, cookie, _) = try login("G4S001")
        clock.advance(by: 3 * 3600)
        #expect(try attempt(connection, cookie)["state"] as? String == "closed")
    }

    @Test func aRestartChangesNoDeadline() throws {
        clock.advance(by: 31 * 60)
        let (connection, cookie, _) = try login("G4S001")
        _ = try attempt(connection, cookie)
        clock.advance(by: 10 * 60)
        let before = try attempt(connection, cookie)["remainingMs"] as? Int64
        kiosk.stop()
        let configuration = kiosk.application.configuration
        var restarted = configuration
        restarted.server.port = 0
        let application = try KioskApplication(configuration: restarted, clock: clock, logger: .init(label: "restart"))
        try application.start()
        defer { application.stop() }
        let after = try HTTPConnection(port: application.port).request("GET", "/api/v1/attempt", headers: cookie)
        #expect(try after.json()["remainingMs"] as? Int64 == before)
        #expect(before == Int64(20 * 60 * 1000))
    }
}
