import Dispatch
import Foundation
import GRDB
import KioskStorage
import KioskTestSupport
import Synchronization
import Testing

/// `kiosk serve` as an operator runs it, stopped by SIGTERM while browsers are saving.
@Suite struct GracefulStopTests {
    @Test func sigtermUnderLoadExitsZeroAndLosesNothingAcknowledged() throws {
        let data = try TemporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.executable)
        process.arguments = ["serve", "--port", "0", "--data", data.path, "--web", Repository.web]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let port = try #require(try Self.announcedPort(output.fileHandleForReading), "the server never said where it listens")

        let acknowledged = Mutex<Set<Int64>>([])
        let load = DispatchGroup()
        for worker in 0..<16 {
            DispatchQueue.global().async(group: load) {
                guard let connection = try? HTTPConnection(port: port, timeout: 5) else { return }
                for n in 0..<100_000 {
                    guard let reply = try? connection.json(
                        "POST", "/api/v1/lab/checks", LabCheckAPITests.check(machine: "W\(worker)-\(n)")),
                          reply.status == 201 else { return }
                    if let id = try? reply.json()["id"] as? Int64 {
                        acknowledged.withLock { _ = $0.insert(id) }
                    }
                }
            }
        }
        while acknowledged.withLock({ $0.count }) < 500 && process.isRunning {
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        load.wait()

        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let database = try KioskDatabase(path: data.file("kiosk.sqlite"))
        #expect(try database.integrityCheck() == ["ok"])
        let stored = try database.pool.read { db in Set(try Int64.fetchAll(db, sql: "SELECT id FROM lab_check")) }
        let missing = acknowledged.withLock { $0 }.subtracting(stored)
        #expect(acknowledged.withLock { $0.count } >= 500)
        #expect(missing.isEmpty, "acknowledged but not on disk: \(missing.sorted().prefix(10))")
        try database.close()
    }

    /// Reads the banner `... http://127.0.0.1:PORT/` from the server's standard output.
    static func announcedPort(_ handle: FileHandle) throws -> UInt16? {
        var seen = ""
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                let address = seen[range]
                let digits = address.dropFirst("http://127.0.0.1:".count).dropLast()
                return UInt16(digits)
            }
        }
    }
}
