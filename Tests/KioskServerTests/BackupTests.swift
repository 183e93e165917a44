import Dispatch
import Foundation
import GRDB
@testable import KioskServer
import KioskCore
import KioskStorage
import KioskTestSupport
import Logging
import Synchronization
import Testing

/// Backups while serving, the periodic backup to a second folder, and a restore end to end.
@Suite struct BackupTests {
    @Test func aBackupTakenWhileSavingRestoresEveryAnswerAcknowledgedBeforeIt() throws {
        let data = try TemporaryDirectory()
        let usb = try TemporaryDirectory()
        let codes = try {
            let database = try KioskDatabase(path: data.file("kiosk.sqlite"))
            defer { try? database.close() }
            return try AnsweringFixture(database: database, sessions: [
                AnsweringFixture.session("T-ALL", instrument: "G4-STU-1", grade: 4, start: "00:00", end: nil, duration: nil,
                                         proctorStart: false, date: AnsweringFixture.today),
            ], at: Date()).codes
        }()
        let (server, port) = try CrashSafetyTests.serve(data)
        let connection = try HTTPConnection(port: port)
        let login = try connection.json("POST", "/api/v1/login", ["id": "G4S001", "code": codes["G4S001"]!])
        let cookie = ["Cookie": "kiosk_token=\(try login.json()["token"] as? String ?? "")"]
        #expect(try connection.request("GET", "/api/v1/attempt", headers: cookie).status == 200)

        let acknowledged = Mutex<[Int]>([])
        let saving = Atomic(true)
        let load = DispatchGroup()
        DispatchQueue.global().async(group: load) {
            guard let connection = try? HTTPConnection(port: port) else { return }
            var seq = 0
            while saving.load(ordering: .relaxed) {
                seq += 1
                let body: [String: Any] = ["answers": [["item": "S1Q06", "value": seq % 10 + 1, "seq": seq]]]
                guard let reply = try? connection.json("PUT", "/api/v1/attempt/answers", body, headers: cookie), reply.status == 200 else { return }
                acknowledged.withLock { $0.append(seq) }
            }
        }
        while acknowledged.withLock({ $0.count }) < 200 { Thread.sleep(forTimeInterval: 0.005) }
        let beforeBackup = acknowledged.withLock { Set($0) }
        let backup = try CommandLineTests.kiosk(["backup", "--data", data.path, "--to", usb.path])
        #expect(backup.status == 0, "\(backup.output)")
        saving.store(false, ordering: .relaxed)
        load.wait()

        let refused = try CommandLineTests.kiosk(["restore", "--from", "/dev/null", "--data", data.path])
        #expect(refused.status != 0 && refused.output.contains("another kiosk process"), "a restore ran under a serving kiosk")
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()

        let copies = try FileManager.default.contentsOfDirectory(atPath: usb.path).filter { $0.hasSuffix(".sqlite") }
        let copy = try #require(copies.first)
        #expect(copies.count == 1 && !copies.contains { $0.hasSuffix(".partial") })
        let restored = try CommandLineTests.kiosk(["restore", "--from", usb.file(copy), "--data", data.path])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: data.path).contains { $0.hasPrefix("replaced-") })

        let database = try KioskDatabase(path: data.file("kiosk.sqlite"))
        defer { try? database.close() }
        #expect(try database.integrityCheck() == ["ok"])
        let stored = try database.pool.read { db in Set(try Int.fetchAll(db, sql: "SELECT seq FROM answer_event")) }
        #expect(beforeBackup.isSubset(of: stored), "the backup lost answers acknowledged before it began")
    }

    @Test func aDamagedOrForeignFileIsNeverRestored() throws {
        let data = try TemporaryDirectory()
        let junk = data.file("junk.sqlite")
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: junk))
        let result = try CommandLineTests.kiosk(["restore", "--from", junk, "--data", data.path])
        #expect(result.status != 0)
        let foreign = data.file("foreign.sqlite")
        try DatabaseQueue(path: foreign).write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        let other = try CommandLineTests.kiosk(["restore", "--from", foreign, "--data", data.path])
        #expect(other.status != 0 && other.output.contains("is not a kiosk database"))
        #expect(!FileManager.default.fileExists(atPath: data.file("kiosk.sqlite")))
    }

    @Test func thePeriodicBackupKeepsTheNewestCopiesAndReportsFailures() throws {
        let kiosk = try TestKiosk()
        let usb = try TemporaryDirectory()
        let periodic = PeriodicBackup(
            database: kiosk.application.database, policy: BackupPolicy(path: usb.path, everyMinutes: 1, keep: 2),
            siteCode: "990101-001", logger: Logger(label: "test"), interval: 1.1)
        periodic.start()
        defer { periodic.stop() }
        let deadline = Date().addingTimeInterval(10)
        var copies: [String] = []
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            copies = try FileManager.default.contentsOfDirectory(atPath: usb.path).filter { $0.hasPrefix("kiosk-990101-001-") }
            if copies.count == 2, periodic.status.lastBackupAt != nil, Date() > deadline.addingTimeInterval(-5) { break }
        }
        #expect(copies.count == 2, "the backup keeps \(copies.count) copies, not 2")
        #expect(periodic.status.lastError == nil)

        let blocked = PeriodicBackup(
            database: kiosk.application.database, policy: BackupPolicy(path: "/proc/no-such-stick", keep: 2),
            siteCode: "x", logger: Logger(label: "test"))
        blocked.backUp()
        #expect(blocked.status.lastError != nil && blocked.status.lastBackupAt == nil)
    }

    @Test func twoServersNeverShareADataFolder() throws {
        let kiosk = try TestKiosk()
        #expect(throws: DataDirectoryLockError.inUse(kiosk.directory.path)) {
            _ = try KioskApplication(
                configuration: .init(dataDirectory: kiosk.directory.path, webRoot: Repository.web), logger: Logger(label: "second"))
        }
    }
}
