import Foundation
import KioskServer
import KioskStorage
import KioskTestSupport
import Testing

/// Seeded random requests against `kiosk serve`, with and without valid logins, to every route:
/// thousands of them, the same on every run. None may get a 500 or take the server down, and its
/// memory stays flat.
@Suite struct HTTPFuzzTests {
    static let paths = [
        "/api/v1/login", "/api/v1/logout", "/api/v1/attempt", "/api/v1/attempt/status", "/api/v1/attempt/answers",
        "/api/v1/attempt/submit", "/api/v1/lab/checks", "/api/v1/time", "/healthz", "/api/v1/staff/login", "/api/v1/staff/me",
        "/api/v1/staff/logout", "/api/v1/staff/day", "/api/v1/staff/sessions/T-ALL/start", "/api/v1/staff/sessions/T-ALL/pause",
        "/api/v1/staff/sessions/T-ALL/resume", "/api/v1/staff/sessions/T-ALL/roster", "/api/v1/staff/sessions/T-ALL/report",
        "/api/v1/staff/sessions/T-ALL/participants/G4S002/extra-time", "/api/v1/staff/sessions/T-ALL/participants/G4S003/mark",
        "/api/v1/staff/sessions/T-ALL/participants/G4S004/unlock", "/api/v1/staff/incidents", "/api/v1/staff/audit?limit=7",
        "/api/v1/staff/lab-checks", "/api/v1/export/manifest", "/kiosk/", "/proctor/index.html", "/check/check.js",
        "/api/v1/staff/sessions/%00/roster", "/../etc/passwd", "/api/v1/attempt/answers?x=%ZZ", "/%E4%BD%A0", "//", "/api/v1/staff/sessions/",
    ]
    static let methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]

    /// A JSON value of a random shape, sometimes close to what the routes expect.
    static func body(_ random: inout SeededRandom) -> [UInt8] {
        let scalars: [Any] = [NSNull(), 0, -1, 1.5, 1e308, "", "G4S001", "<script>", "=1+1", true, [1, 2], ["item": "S1Q01"]]
        let keys = ["id", "code", "name", "password", "answers", "item", "value", "seq", "position", "clientTime", "reason",
                    "minutes", "kind", "note", "sessionId", "occurredAt", "participants", "description", "action", "machine"]
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return Array((0..<Int.random(in: 0..<64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        case 1: return Array("{\"answers\": [".utf8)
        default:
            var object: [String: Any] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                let key = random.pick(keys)
                object[key] = key == "answers"
                    ? [["item": random.pick(["S1Q01", "S1Q05", "S1Q43", "NOPE", ""]), "value": random.pick(scalars), "seq": random.pick(scalars)]]
                    : random.pick(scalars)
            }
            return Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data())
        }
    }

    @Test func randomRequestsNeverGet500AndTheServerStaysUp() throws {
        let data = try TemporaryDirectory()
        let codes = try {
            let database = try KioskDatabase(path: data.file("kiosk.sqlite"))
            defer { try? database.close() }
            try StaffDirectory(database: database).add(name: "proctor", role: .officer, password: "correct horse battery", actor: "test")
            return try AnsweringFixture(database: database, sessions: [
                AnsweringFixture.session("T-ALL", instrument: "G4-STU-1", grade: 4, start: "00:00", end: nil, duration: nil,
                                         proctorStart: true, date: AnsweringFixture.today),
            ], at: Date()).codes
        }()
        let (server, port) = try CrashSafetyTests.serve(data)
        defer {
            kill(server.processIdentifier, SIGTERM)
            server.waitUntilExit()
        }
        let setup = try HTTPConnection(port: port)
        let participant = try setup.json("POST", "/api/v1/login", ["id": "G4S001", "code": codes["G4S001"]!]).json()["token"] as? String ?? ""
        let staffLogin = try setup.json("POST", "/api/v1/staff/login", ["name": "proctor", "password": "correct horse battery"])
        let staffCookie = String(staffLogin.headers["set-cookie"]?.split(separator: ";").first ?? "")
        let csrf = try staffLogin.json()["csrfToken"] as? String ?? ""

        var random = SeededRandom(seed: 4242)
        var connection = try HTTPConnection(port: port, timeout: 10)
        var statuses: [Int: Int] = [:]
        var rssAfterWarmUp = 0
        let cases = 3000
        for index in 0..<cases {
            var headers: [String: String] = [:]
            switch Int.random(in: 0..<4, using: &random) {
            case 0: headers["Cookie"] = "kiosk_token=\(participant)"
            case 1: headers["Cookie"] = staffCookie; headers["X-CSRF-Token"] = csrf
            case 2: headers["Authorization"] = random.pick(["Bearer ", "Bearer \(participant)", "Basic eA==", "Bearer " + String(repeating: "x", count: 300)])
            default: break
            }
            if Bool.random(using: &random) {
                headers["Content-Type"] = random.pick(["application/json", "text/plain", "application/json; charset=gbk", "multipart/form-data"])
            }
            let method = random.pick(Self.methods)
            let body = method == "GET" || method == "HEAD" ? [] : Self.body(&random)
            let reply: HTTPConnection.Reply
            do {
                reply = try connection.request(method, random.pick(Self.paths), headers: headers, body: body)
            } catch {
                // A refused request may close the connection (a bad body, say): a new one carries on.
                #expect(server.isRunning, "the server died at case \(index)")
                connection = try HTTPConnection(port: port, timeout: 10)
                continue
            }
            statuses[reply.status, default: 0] += 1
            #expect(reply.status < 500 || reply.status == 503, "case \(index): \(method) gave \(reply.status): \(reply.text)")
            if index == 500 { rssAfterWarmUp = Self.residentKilobytes(of: server.processIdentifier) }
        }
        let rssAtEnd = Self.residentKilobytes(of: server.processIdentifier)
        #expect(server.isRunning)
        #expect(try HTTPConnection(port: port).request("GET", "/healthz").status == 200)
        #expect(statuses.keys.contains(200) && statuses.keys.contains(400) && statuses.keys.contains(401), "\(statuses)")
        // AddressSanitizer holds freed memory in quarantine: under it, memory only shows the sanitizer.
        if dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") == nil {
            #expect(rssAtEnd - rssAfterWarmUp < 16 * 1024, "memory grew from \(rssAfterWarmUp) kB to \(rssAtEnd) kB")
        }
    }

    /// VmRSS of a process, in kilobytes.
    static func residentKilobytes(of pid: Int32) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
