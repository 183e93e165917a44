import Foundation
import GRDB
import KioskCore
import KioskServer
import KioskStorage
import KioskTestSupport
import Testing

/// Sealed instruments against the real server: installed without the key, unsealed by a proctor's
/// key into memory only, locked again by a restart, and never on disk in the clear.
@Suite final class SealedInstrumentTests {
    let clock = FixedClock(AnsweringFixture.localTime(9, 35))
    let data: TemporaryDirectory
    var kiosk: TestKiosk
    let fixture: SealedFixture
    static let password = "correct horse battery"
    static let sessions = [
        AnsweringFixture.session("T-G4", instrument: "G4-STU-1", grade: 4, start: "09:30", end: "11:00", duration: 30, proctorStart: true),
        AnsweringFixture.session("T-G8", instrument: "G8-STU-1", grade: 8, start: "09:30", end: "11:00", duration: 30, proctorStart: false),
    ]

    struct Staff {
        var connection: HTTPConnection
        var cookie: String
        var csrf: String

        func get(_ path: String) throws -> HTTPConnection.Reply {
            try connection.request("GET", path, headers: ["Cookie": cookie])
        }

        func send(_ method: String, _ path: String, _ body: [String: Any] = [:]) throws -> HTTPConnection.Reply {
            try connection.json(method, path, body, headers: ["Cookie": cookie, "X-CSRF-Token": csrf])
        }

        func unseal(_ key: String) throws -> HTTPConnection.Reply {
            try send("POST", "/api/v1/staff/sessions/T-G4/unseal", ["key": key])
        }
    }

    init() throws {
        data = try TemporaryDirectory()
        let path = data.path
        kiosk = try TestKiosk(clock: clock) { $0.dataDirectory = path }
        fixture = try SealedFixture(database: kiosk.application.database, sessions: Self.sessions, at: clock.now)
        let directory = StaffDirectory(database: kiosk.application.database)
        try directory.add(name: "王老师", role: .proctor, password: Self.password, actor: "test")
        try directory.add(name: "李老师", role: .proctor, password: Self.password, actor: "test")
        try directory.add(name: "inspector", role: .inspector, password: Self.password, actor: "test")
        try directory.add(name: "officer", role: .officer, password: Self.password, actor: "test")
    }

    /// Stops the server and starts a new one on the same data folder: what a power cut and a
    /// restart do to memory.
    func restart() throws {
        kiosk.stop()
        let path = data.path
        kiosk = try TestKiosk(clock: clock) { $0.dataDirectory = path }
    }

    func staff(_ name: String = "王老师") throws -> Staff {
        let connection = try kiosk.connect()
        let reply = try connection.json("POST", "/api/v1/staff/login", ["name": name, "password": Self.password])
        #expect(reply.status == 200)
        let cookie = try #require(reply.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        return Staff(connection: connection, cookie: cookie, csrf: try reply.json()["csrfToken"] as? String ?? "")
    }

    func participant(_ id: String) throws -> [String: String] {
        let reply = try kiosk.connect().json("POST", "/api/v1/login", ["id": id, "code": fixture.codes[id]!])
        #expect(reply.status == 200, "login of \(id): \(reply.text)")
        return ["Cookie": "kiosk_token=\(try reply.json()["token"] as? String ?? "")"]
    }

    func attempt(_ cookie: [String: String]) throws -> HTTPConnection.Reply {
        try kiosk.connect().request("GET", "/api/v1/attempt", headers: cookie)
    }

    func session(_ staff: Staff, _ id: String = "T-G4") throws -> [String: Any] {
        let day = try staff.get("/api/v1/staff/day").json()
        let sessions = day["sessions"] as? [[String: Any]] ?? []
        return try #require(sessions.first { $0["id"] as? String == id })
    }

    func save(_ cookie: [String: String], _ item: String, _ value: Int, seq: Int) throws -> HTTPConnection.Reply {
        try kiosk.connect().json(
            "PUT", "/api/v1/attempt/answers", ["answers": [["item": item, "value": value, "seq": seq]], "position": 0], headers: cookie)
    }

    func auditActions() throws -> [String] {
        try kiosk.application.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit_log ORDER BY id")
        }
    }

    // MARK: - The round trip

    @Test func aProctorsKeyUnsealsTheSessionAndParticipantsAnswer() throws {
        let student = try participant("G4S001")
        let waiting = try attempt(student).json()
        #expect(waiting["state"] as? String == "waiting" && waiting["instrument"] == nil)

        let proctor = try staff()
        let before = try session(proctor)
        #expect(before["sealed"] as? Bool == true && before["locked"] as? Bool == true)
        #expect(try session(proctor, "T-G8")["sealed"] == nil, "a plain instrument is not marked sealed")

        let refused = try proctor.send("POST", "/api/v1/staff/sessions/T-G4/start")
        #expect(refused.status == 409 && refused.errorCode == "seal_key_required")

        let unsealed = try proctor.unseal(SealedFixture.key.formatted.lowercased())
        #expect(unsealed.status == 200, "\(unsealed.text)")
        #expect(try unsealed.json()["locked"] as? Bool == false)
        #expect(try proctor.send("POST", "/api/v1/staff/sessions/T-G4/start").status == 200)

        let open = try attempt(student)
        #expect(try open.json()["state"] as? String == "open")
        #expect(open.text.contains(SealedFixture.question))
        #expect(try save(student, "S1Q01", 2, seq: 1).status == 200)
        #expect(try auditActions().contains("instrument.unseal"))
        // Unsealing again is harmless.
        #expect(try proctor.unseal(SealedFixture.key.formatted).status == 200)
    }

    @Test func aWrongKeyIsRefusedAuditedAndThrottled() throws {
        let proctor = try staff()
        let wrong = try proctor.unseal(SealedFixture.wrongKey.formatted)
        #expect(wrong.status == 422 && wrong.errorCode == "seal_key_wrong")
        let error = try #require(wrong.json()["error"] as? [String: Any])
        #expect((error["message"] as? String)?.contains("密钥") == true && (error["messageEn"] as? String)?.contains("key") == true)
        #expect(try auditActions().contains("instrument.unseal_failed"))
        let malformed = try proctor.unseal("not a key")
        #expect(malformed.status == 422 && malformed.errorCode == "seal_key_malformed")
        for _ in 0..<3 { _ = try proctor.unseal(SealedFixture.wrongKey.formatted) }
        let throttled = try proctor.unseal(SealedFixture.key.formatted)
        #expect(throttled.status == 429 && throttled.errorCode == "too_many_attempts")
        #expect(throttled.headers["retry-after"] != nil)
        // Another proctor may still try, and the right key works.
        #expect(try staff("李老师").unseal(SealedFixture.key.formatted).status == 200)

    }

    @Test func badRequestsToUnsealGetClearRefusals() throws {
        let proctor = try staff()
        #expect(try staff("inspector").unseal(SealedFixture.key.formatted).errorCode == "forbidden_role")
        let noCSRF = try proctor.connection.json(
            "POST", "/api/v1/staff/sessions/T-G4/unseal", ["key": SealedFixture.key.formatted], headers: ["Cookie": proctor.cookie])
        #expect(noCSRF.errorCode == "csrf_token_invalid")
        #expect(try proctor.send("POST", "/api/v1/staff/sessions/T-G8/unseal", ["key": "x"]).errorCode == "instrument_not_sealed")
        #expect(try proctor.send("POST", "/api/v1/staff/sessions/NOPE/unseal", ["key": "x"]).errorCode == "session_not_found")
        #expect(try proctor.send("POST", "/api/v1/staff/sessions/T-G4/unseal", ["kee": "x"]).errorCode == "invalid_json")
        #expect(try proctor.send("POST", "/api/v1/staff/sessions/T-G4/unseal", ["key": 42]).errorCode == "invalid_json")
        let huge = try proctor.send("POST", "/api/v1/staff/sessions/T-G4/unseal", ["key": String(repeating: "A", count: 100_000)])
        #expect(huge.errorCode == "seal_key_malformed")
    }

    @Test func aRestartLocksTheInstrumentAgainAndAnswersSurviveTheNewKey() throws {
        let student = try participant("G4S001")
        var proctor = try staff()
        #expect(try proctor.unseal(SealedFixture.key.formatted).status == 200)
        #expect(try proctor.send("POST", "/api/v1/staff/sessions/T-G4/start").status == 200)
        #expect(try attempt(student).json()["state"] as? String == "open")
        #expect(try save(student, "S1Q01", 2, seq: 1).status == 200)

        try restart()
        let locked = try attempt(student)
        #expect(locked.status == 200)
        let body = try locked.json()
        #expect(body["state"] as? String == "waiting" && body["locked"] as? Bool == true && body["instrument"] == nil)
        #expect(!locked.text.contains(SealedFixture.question))
        let status = try kiosk.connect().request("GET", "/api/v1/attempt/status", headers: student).json()
        #expect(status["state"] as? String == "waiting" && status["locked"] as? Bool == true)
        let refused = try save(student, "S1Q02", 10, seq: 2)
        #expect(refused.status == 409 && refused.errorCode == "instrument_locked", "\(refused.text)")
        let submit = try kiosk.connect().json("POST", "/api/v1/attempt/submit", [:], headers: student)
        #expect(submit.status == 409 && submit.errorCode == "instrument_locked")

        let officer = try staff("officer")
        let export = try officer.get("/api/v1/export/manifest")
        #expect(export.status == 409 && export.errorCode == "export_needs_key", "\(export.text)")

        proctor = try staff()
        let after = try session(proctor)
        #expect(after["state"] as? String == "open" && after["locked"] as? Bool == true)
        let roster = try proctor.get("/api/v1/staff/sessions/T-G4/roster")
        #expect(roster.status == 200 && !roster.text.contains(SealedFixture.question))

        #expect(try proctor.unseal(SealedFixture.key.formatted).status == 200)
        let reopened = try attempt(student).json()
        #expect(reopened["state"] as? String == "open")
        #expect((reopened["answers"] as? [String: Any])?["S1Q01"] as? Int == 2)
        #expect(try save(student, "S1Q02", 10, seq: 2).status == 200)
        #expect(try officer.get("/api/v1/export/manifest").status == 200)
    }

    // MARK: - Confidentiality

    @Test func nothingReachesAnyoneBeforeTheKey() throws {
        let student = try participant("G4S001")
        let token = try ExportTokenIssuer(database: kiosk.application.database).create(name: "script", actor: "test")
        var credentials: [(String, [String: String])] = [
            ("nobody", [:]), ("participant", student), ("export token", ["Authorization": "Bearer \(token)"]),
        ]
        for name in ["王老师", "inspector", "officer"] {
            let login = try staff(name)
            credentials.append((name, ["Cookie": login.cookie, "X-CSRF-Token": login.csrf]))
        }
        let gets = [
            "/api/v1/attempt", "/api/v1/attempt/status", "/api/v1/staff/day", "/api/v1/staff/sessions/T-G4/roster",
            "/api/v1/staff/sessions/T-G4/report", "/api/v1/staff/audit", "/api/v1/export/manifest",
            "/api/v1/export/files/codebook.json", "/healthz",
        ]
        for (who, headers) in credentials {
            for path in gets {
                let reply = try kiosk.connect().request("GET", path, headers: headers)
                #expect(reply.status < 500, "\(who) \(path): \(reply.status)")
                #expect(!reply.text.contains(SealedFixture.question), "\(who) got the sealed questions from \(path)")
            }
        }
        // A session that needs no proctor start opens on its own; the sealed one stays shut.
        #expect(try attempt(student).json()["state"] as? String == "waiting")
    }

    @Test func afterAFullSessionNoFileOfTheDataFolderHoldsTheKeyOrAQuestion() throws {
        let student = try participant("G4S001")
        let proctor = try staff()
        #expect(try proctor.unseal(SealedFixture.key.formatted).status == 200)
        #expect(try proctor.send("POST", "/api/v1/staff/sessions/T-G4/start").status == 200)
        #expect(try attempt(student).text.contains(SealedFixture.question))
        #expect(try save(student, "S1Q01", 1, seq: 1).status == 200)
        #expect(try kiosk.connect().json("POST", "/api/v1/attempt/submit", [:], headers: student).status == 200)
        let officer = try staff("officer")
        let manifest = try officer.get("/api/v1/export/manifest")
        #expect(manifest.status == 200, "the export works while the server holds it unsealed: \(manifest.text)")
        try DatabaseBackup.copy(kiosk.application.database, to: data.file("kiosk-backup.sqlite"))
        let wal = try Data(contentsOf: URL(fileURLWithPath: data.file("kiosk.sqlite-wal")))
        #expect(!wal.isEmpty, "the scan below should see a WAL with the session in it")

        var secrets = [SealedFixture.key.formatted, SealedFixture.key.normalized].map { Data($0.utf8) }
        secrets.append(Data(SealedFixture.question.utf8))
        func scan() throws {
            let files = FileManager.default.enumerator(atPath: data.path)?.compactMap { $0 as? String } ?? []
            var scanned = 0
            for file in files {
                var isDirectory: ObjCBool = false
                let path = data.file(file)
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                scanned += 1
                for secret in secrets {
                    #expect(bytes.range(of: secret) == nil, "\(file) holds \(String(decoding: secret, as: UTF8.self))")
                }
            }
            #expect(scanned >= 3, "kiosk.sqlite, its WAL and a backup")
        }
        try scan()
        kiosk.stop()
        try scan()
    }

    // MARK: - Storage

    @Test func theDatabaseHoldsOnlyTheEnvelope() throws {
        let row = try #require(try kiosk.application.database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT hash, definition, envelope FROM instrument WHERE id = 'G4-STU-1'")
        })
        #expect(row["definition"] as String? == nil)
        #expect(row["hash"] as String == fixture.sealed.instrument.fingerprint)
        let envelope = try #require(row["envelope"] as String?)
        #expect(SealedInstrument(json: Data(envelope.utf8)) == fixture.sealed)
        let bundle = try #require(try kiosk.application.database.pool.read(InstalledBundle.read))
        #expect(bundle.sealedInstruments == [fixture.sealed])
        #expect(!bundle.instruments.contains { $0.id == "G4-STU-1" })
        // Loading the same sealed bundle again changes nothing; the plain one is the same content.
        let (sealedBundle, _) = try SealedFixture.bundle(sessions: Self.sessions)
        var plain = try DeploymentBundle.load(from: AnsweringFixture.demoFolder)
        plain.timetable = sealedBundle.timetable
        let summary = try BundleInstallation(bundle: plain, fingerprints: plain.fingerprints, actor: "test", now: clock.now)
            .install(into: kiosk.application.database)
        #expect(summary.instrumentsUnchanged.contains("G4-STU-1"))
    }
}
