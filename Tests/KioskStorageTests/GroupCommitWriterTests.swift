import Dispatch
import Foundation
import GRDB
import KioskStorage
import KioskTestSupport
import Logging
import Synchronization
import Testing

/// One writer, many waiting submitters: everything acknowledged is on disk, in fewer commits.
@Suite final class GroupCommitWriterTests: Sendable {
    let folder: TemporaryDirectory
    let database: KioskDatabase
    let writer: GroupCommitWriter

    init() throws {
        folder = try TemporaryDirectory()
        database = try KioskDatabase(path: folder.file("kiosk.sqlite"))
        try database.pool.write { db in
            try db.execute(sql: "CREATE TABLE probe (id INTEGER PRIMARY KEY, writer INTEGER NOT NULL, n INTEGER NOT NULL)")
        }
        writer = GroupCommitWriter(database: database, logger: Logger(label: "writer-test"))
    }

    deinit {
        writer.stop()
    }

    /// Submits and waits for the acknowledgement, as a request handler's client does.
    private func write(_ work: @escaping @Sendable (Database) throws -> Void) -> Result<Void, any Error> {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<Void, any Error>?>(nil)
        writer.submit(work) { result in
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return outcome.withLock { $0! }
    }

    @Test func sixtyFourConcurrentWritersAreAllAcknowledgedAndOnDisk() throws {
        let perWriter = 50
        let acknowledged = Mutex(0)
        concurrently(64) { writerIndex in
            for n in 0..<perWriter {
                if case .success = self.write({ db in
                    try db.execute(sql: "INSERT INTO probe (writer, n) VALUES (?, ?)", arguments: [writerIndex, n])
                }) {
                    acknowledged.withLock { $0 += 1 }
                }
            }
        }
        writer.stop()
        let statistics = writer.statistics
        try database.close()

        let reopened = try KioskDatabase(path: folder.file("kiosk.sqlite"))
        let rows = try reopened.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM probe") }
        #expect(acknowledged.withLock { $0 } == 64 * perWriter)
        #expect(rows == 64 * perWriter)
        #expect(statistics.writes == 64 * perWriter)
        #expect(statistics.commits < statistics.writes, "no write shared a commit")
        try reopened.close()
    }

    /// Keeps the writer busy until the returned semaphore is signalled, so that the writes
    /// submitted meanwhile queue up into one batch.
    private func holdWriter() -> DispatchSemaphore {
        let gate = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        writer.submit({ _ in
            holding.signal()
            gate.wait()
        }, completion: { _ in })
        holding.wait()
        return gate
    }

    @Test func aFailingWriteFailsAloneInItsBatch() throws {
        let results = Mutex<[Int: Bool]>([:])
        let done = DispatchGroup()
        let gate = holdWriter()
        for n in 0..<10 {
            done.enter()
            writer.submit({ db in
                try db.execute(sql: "INSERT INTO probe (writer, n) VALUES (?, ?)", arguments: [1, n])
                // Write 5 then breaks NOT NULL: its first insert must go with it.
                if n == 5 { try db.execute(sql: "INSERT INTO probe (writer, n) VALUES (NULL, 50)") }
            }) { result in
                results.withLock { $0[n] = (try? result.get()) != nil }
                done.leave()
            }
        }
        gate.signal()
        done.wait()
        let outcome = results.withLock { $0 }
        #expect(outcome[5] == false)
        #expect(outcome.filter { $0.value }.count == 9)
        let stored = try database.pool.read { db in try Int.fetchAll(db, sql: "SELECT n FROM probe ORDER BY n") }
        #expect(stored == [0, 1, 2, 3, 4, 6, 7, 8, 9])
        #expect(writer.statistics.failedWrites == 1)
        // The nine still shared one commit (the other is the write that held the writer).
        #expect(writer.statistics.commits == 2)
    }

    @Test func aLoneFailingWriteLeavesNothingBehind() throws {
        let result = write { db in
            try db.execute(sql: "INSERT INTO probe (writer, n) VALUES (3, 1)")
            try db.execute(sql: "INSERT INTO probe (writer, n) VALUES (NULL, 2)")
        }
        #expect(throws: DatabaseError.self) { try result.get() }
        #expect(try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM probe") } == 0)
        #expect(writer.statistics.failedWrites == 1)
        let next = write { db in try db.execute(sql: "INSERT INTO probe (writer, n) VALUES (3, 3)") }
        #expect((try? next.get()) != nil, "the writer goes on after a failed write")
    }

    @Test func stopCommitsWhatIsQueuedAndRefusesTheRest() throws {
        let acknowledged = Mutex(0)
        let gate = holdWriter()
        for n in 0..<100 {
            writer.submit({ db in
                try db.execute(sql: "INSERT INTO probe (writer, n) VALUES (2, ?)", arguments: [n])
            }) { result in
                if case .success = result { acknowledged.withLock { $0 += 1 } }
            }
        }
        gate.signal()
        writer.stop()
        #expect(acknowledged.withLock { $0 } == 100)
        let refused = write { _ in }
        #expect(throws: WriterStopped.self) { try refused.get() }
        #expect(try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM probe") } == 100)
    }

    @Test func theWorkResultReachesTheCompletion() throws {
        let done = DispatchSemaphore(value: 0)
        let id = Mutex<Int64?>(nil)
        writer.submit({ db -> Int64 in
            try db.execute(sql: "INSERT INTO probe (writer, n) VALUES (3, 3)")
            return db.lastInsertedRowID
        }) { result in
            id.withLock { $0 = try? result.get() }
            done.signal()
        }
        done.wait()
        #expect(id.withLock { $0 } == 1)
    }
}
