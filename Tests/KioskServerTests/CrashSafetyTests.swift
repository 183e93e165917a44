import Dispatch
import Foundation
import GRDB
import KioskStorage
import KioskTestSupport
import Synchronization
import Testing

/// `kiosk serve` killed with SIGKILL while participants save, again and again: after each restart
/// every answer it acknowledged is on disk and the database is whole.
@Suite struct CrashSafetyTests {
    struct Saved: Hashable {
        var participant: String
        var seq: Int
    }

    /// A participant's login and the next seq to send, carried across restarts.
    final class Saver: @unchecked Sendable {
        let id: String
        let token: String
        var seq = 0
        init(id: String, token: String) {
            self.id = id
            self.token = token
        }
    }

    @Test func sigkillUnderASavingLoadLosesNoAcknowledgedAnswer() throws {
        let data = try TemporaryDirectory()
        let codes = try {
            let database = try KioskDatabase(path: data.file("kiosk.sqlite"))
            defer { try? database.close() }
            return try AnsweringFixture(database: database, sessions: [
                AnsweringFixture.session("T-ALL", instrument: "G4-STU-1", grade: 4, start: "00:00", end: nil, duration: nil,
                                         proctorStart: false, date: AnsweringFixture.today),
            ], at: Date()).codes
        }()
        let acknowledged = Mutex<Set<Saved>>([])
        var savers: [Saver] = []
        let rounds = 4
        for round in 0..<rounds {
            let (process, port) = try Self.serve(data)
            if savers.isEmpty {
                savers = try (1...8).map { index in
                    let id = String(format: "G4S%03d", index)
                    let connection = try HTTPConnection(port: port)
                    let login = try connection.json("POST", "/api/v1/login", ["id": id, "code": codes[id]!])
                    let token = try login.json()["token"] as? String ?? ""
                    #expect(try connection.request("GET", "/api/v1/attempt", headers: ["Cookie": "kiosk_token=\(token)"]).status == 200)
                    return Saver(id: id, token: token)
                }
            }
            let before = acknowledged.withLock { $0.count }
            let load = DispatchGroup()
            for saver in savers {
                DispatchQueue.global().async(group: load) {
                    guard let connection = try? HTTPConnection(port: port, timeout: 5) else { return }
                    while true {
                        saver.seq += 1
                        let body: [String: Any] = ["answers": [["item": "S1Q06", "value": saver.seq % 10 + 1, "seq": saver.seq]], "position": 1]
                        guard let reply = try? connection.json("PUT", "/api/v1/attempt/answers", body, headers: ["Cookie": "kiosk_token=\(saver.token)"]),
                              reply.status == 200 else { return }
                        acknowledged.withLock { _ = $0.insert(Saved(participant: saver.id, seq: saver.seq)) }
                    }
                }
            }
            while acknowledged.withLock({ $0.count }) < before + 300, process.isRunning {
                Thread.sleep(forTimeInterval: 0.005)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            load.wait()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): the server was not killed")
        }

        let database = try KioskDatabase(path: data.file("kiosk.sqlite"))
        defer { try? database.close() }
        #expect(try database.integrityCheck() == ["ok"])
        let stored = try database.pool.read { db in
            Set(try Row.fetchAll(db, sql: """
                SELECT a.participant_id, e.seq FROM answer_event e JOIN attempt a ON a.id = e.attempt_id
                """).map { Saved(participant: $0["participant_id"], seq: $0["seq"]) })
        }
        let missing = acknowledged.withLock { $0 }.subtracting(stored)
        #expect(acknowledged.withLock { $0.count } >= rounds * 300)
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(10))")
    }

    /// Starts `kiosk serve` on a free port over `data`.
    static func serve(_ data: TemporaryDirectory) throws -> (Process, UInt16) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.executable)
        process.arguments = ["serve", "--port", "0", "--data", data.path, "--web", Repository.web]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let port = try #require(try GracefulStopTests.announcedPort(output.fileHandleForReading))
        return (process, port)
    }
}
