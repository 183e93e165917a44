import Foundation
import GRDB
import KioskStorage
import KioskTestSupport
import Testing

/// A full disk: saves are refused with 503 `storage_full` (never acknowledged, never half-written),
/// the database stays whole, and saving resumes when space returns.
@Suite struct FullDiskTests {
    /// A small file system of its own (tmpfs, as root), or, where none can be mounted, a cap on the
    /// database's size (`PRAGMA max_page_count`), which fails writes the same way.
    final class SpaceLimit {
        let folder: TemporaryDirectory
        private let mounted: Bool
        private var filler: String { folder.file("filler") }

        init() throws {
            folder = try TemporaryDirectory()
            let mount = Process()
            mount.executableURL = URL(fileURLWithPath: "/bin/mount")
            mount.arguments = ["-t", "tmpfs", "-o", "size=8m", "tmpfs", folder.path]
            mount.standardError = FileHandle.nullDevice
            try mount.run()
            mount.waitUntilExit()
            mounted = mount.terminationStatus == 0
        }

        var dataDirectory: String { folder.file("data") }

        /// Uses up the space left (or caps the database where it stands).
        func fill(_ database: KioskDatabase) throws {
            if mounted {
                var stats = statvfs()
                statvfs(folder.path, &stats)
                let free = Int(stats.f_bavail) * Int(stats.f_frsize)
                _ = FileManager.default.createFile(atPath: filler, contents: Data(count: max(0, free - 4096)))
            } else {
                try database.pool.writeWithoutTransaction { db in
                    let pages = try Int.fetchOne(db, sql: "PRAGMA page_count")!
                    try db.execute(sql: "PRAGMA max_page_count = \(pages)")
                }
            }
        }

        func free(_ database: KioskDatabase) throws {
            if mounted {
                try FileManager.default.removeItem(atPath: filler)
            } else {
                try database.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = 1073741823") }
            }
        }

        deinit {
            guard mounted else { return }
            let unmount = Process()
            unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
            unmount.arguments = [folder.path]
            try? unmount.run()
            unmount.waitUntilExit()
        }
    }

    @Test func savesAreRefusedWhileTheDiskIsFullAndResumeAfter() throws {
        let limit = try SpaceLimit()
        let clock = FixedClock(AnsweringFixture.localTime(9, 35))
        let kiosk = try TestKiosk(clock: clock) { $0.dataDirectory = limit.dataDirectory }
        let database = kiosk.application.database
        let fixture = try AnsweringFixture(database: database, sessions: [
            AnsweringFixture.session("T-G4", instrument: "G4-STU-1", grade: 4, start: "09:30", end: "11:00", duration: 60, proctorStart: false),
        ], at: clock.now)
        let connection = try kiosk.connect()
        let login = try connection.json("POST", "/api/v1/login", ["id": "G4S001", "code": fixture.codes["G4S001"]!])
        let cookie = ["Cookie": "kiosk_token=\(try login.json()["token"] as? String ?? "")"]
        #expect(try connection.request("GET", "/api/v1/attempt", headers: cookie).status == 200)

        var seq = 0
        var acknowledged: [Int] = []
        func save() throws -> HTTPConnection.Reply {
            seq += 1
            let text = String(repeating: "满", count: 290) + "\(seq)"
            let reply = try connection.json("PUT", "/api/v1/attempt/answers",
                                            ["answers": [["item": "S1Q44", "value": text, "seq": seq]]], headers: cookie)
            if reply.status == 200 { acknowledged.append(seq) }
            return reply
        }
        for _ in 0..<5 {
            let reply = try save()
            #expect(reply.status == 200, "\(reply.text)")
        }

        try limit.fill(database)
        var refusal: HTTPConnection.Reply?
        for _ in 0..<3000 {
            let reply = try save()
            if reply.status != 200 { refusal = reply; break }
        }
        let refused = try #require(refusal, "the disk never filled up")
        #expect(refused.status == 503 && refused.errorCode == "storage_full")
        #expect(try save().errorCode == "storage_full", "a second save on a full disk was not refused")

        try limit.free(database)
        #expect(try save().status == 200, "saving did not resume once space returned")
        #expect(try database.integrityCheck() == ["ok"])
        let stored = try database.pool.read { db in Set(try Int.fetchAll(db, sql: "SELECT seq FROM answer_event")) }
        #expect(Set(acknowledged).isSubset(of: stored))
        #expect(stored.count == acknowledged.count, "a refused save was stored after all")
        kiosk.stop()
    }
}
