import Foundation
import GRDB
import Logging

/// The one thread that writes: it takes every write queued since its last commit, runs them in a
/// single `BEGIN IMMEDIATE` transaction, and only after `COMMIT` has returned (with
/// `synchronous = FULL`: after the fsync) tells each submitter that its write is on disk.
///
/// A durable commit costs a flush, hundreds of microseconds on a good disk and far more on a lab
/// PC's; sharing it between all the writes that arrived meanwhile is what lets 60 browsers
/// autosave at once. A write that throws is rolled back alone: its batch is run again with each
/// write in a savepoint; if the commit itself fails, each write is retried in a transaction of its
/// own. A write may therefore run more than once, so it changes nothing but the database.
public final class GroupCommitWriter: Sendable {

    /// Counters since start, for tests and the benchmark.
    public struct Statistics: Sendable, Equatable {
        public var commits = 0
        public var writes = 0
        public var failedWrites = 0
    }

    private struct Job {
        var work: (Database) throws -> Void
        var completion: (Result<Void, any Error>) -> Void
    }

    private struct State {
        var queue: [Job] = []
        var accepting = true
        var running = true
        var statistics = Statistics()
    }

    private let database: KioskDatabase
    private let maxBatch: Int
    private let logger: Logger
    // `condition` guards `state` and wakes the writer thread: `state` is only touched with the
    // condition's lock held, which is what makes `nonisolated(unsafe)` sound here.
    private let condition = NSCondition()
    private nonisolated(unsafe) var state = State()
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the writer thread.
    /// - Parameter maxBatch: the most writes one transaction takes; the rest wait for the next.
    public init(database: KioskDatabase, maxBatch: Int = 1024, logger: Logger) {
        self.database = database
        self.maxBatch = maxBatch
        self.logger = logger
        let thread = Thread { [self] in
            Thread.current.name = "kiosk-writer"
            run()
            finished.signal()
        }
        thread.start()
    }

    /// Queues a write; `completion` runs on the writer thread once it is committed, with what
    /// `work` returned, or once it has failed. After ``stop()`` the write is refused with
    /// ``WriterStopped``.
    public func submit<Value>(
        _ work: @escaping @Sendable (Database) throws -> Value,
        completion: @escaping @Sendable (Result<Value, any Error>) -> Void
    ) {
        // Both closures run on the writer thread, one after the other: the value never crosses
        // threads, which is why the box needs no lock.
        let produced = Box<Value>()
        enqueue(Job(
            work: { db in produced.value = try work(db) },
            completion: { result in completion(result.map { produced.value! }) }))
    }

    /// Queues a write that returns nothing, such as an autosave: as the generic `submit`, without
    /// a box for the value, since every microsecond on the writer's thread delays a commit.
    public func submit(
        _ work: @escaping @Sendable (Database) throws -> Void,
        completion: @escaping @Sendable (Result<Void, any Error>) -> Void
    ) {
        enqueue(Job(work: work, completion: completion))
    }

    private func enqueue(_ job: Job) {
        condition.lock()
        guard state.accepting else {
            condition.unlock()
            job.completion(.failure(WriterStopped()))
            return
        }
        state.queue.append(job)
        condition.signal()
        condition.unlock()
    }

    public var statistics: Statistics {
        condition.lock()
        defer { condition.unlock() }
        return state.statistics
    }

    /// Refuses new writes, commits every write already queued, then ends the thread.
    public func stop() {
        condition.lock()
        let wasRunning = state.running
        state.accepting = false
        state.running = false
        condition.signal()
        condition.unlock()
        if wasRunning { finished.wait() }
    }

    private func run() {
        while let batch = nextBatch() {
            let outcomes = commit(batch)
            condition.lock()
            state.statistics.commits += outcomes.commits
            state.statistics.writes += batch.count
            state.statistics.failedWrites += outcomes.results.filter { if case .failure = $0 { true } else { false } }.count
            condition.unlock()
            for (job, result) in zip(batch, outcomes.results) {
                job.completion(result)
            }
        }
    }

    /// Waits for work; nil once stopped with nothing left to write.
    private func nextBatch() -> [Job]? {
        condition.lock()
        defer { condition.unlock() }
        while state.queue.isEmpty {
            if !state.running { return nil }
            condition.wait()
        }
        let count = min(maxBatch, state.queue.count)
        let batch = Array(state.queue.prefix(count))
        state.queue.removeFirst(count)
        return batch
    }

    private func commit(_ batch: [Job]) -> (results: [Result<Void, any Error>], commits: Int) {
        do {
            // Most batches hold no refusal and run as they are; one that does is rolled back and
            // run again with each write in a savepoint of its own, so the refused write is undone
            // alone and the others still share the commit.
            let results = try transactionUnlessRefused(batch) ?? transactionIsolatingEachWrite(batch)
            return (results, 1)
        } catch {
            guard batch.count > 1 else { return ([.failure(error)], 0) }
            logger.warning("group commit failed; retrying its writes one by one", metadata: ["error": "\(error)"])
            var commits = 0
            let results = batch.map { job -> Result<Void, any Error> in
                Result {
                    try database.pool.writeWithoutTransaction { db in
                        try db.inTransaction(.immediate) {
                            try job.work(db)
                            return .commit
                        }
                    }
                    commits += 1
                }
            }
            return (results, commits)
        }
    }

    /// Runs the batch in one `BEGIN IMMEDIATE` transaction and commits it. A write that throws
    /// rolls the whole transaction back and the answer is nil, unless it was the batch's only
    /// write: then its failure is the batch's result.
    private func transactionUnlessRefused(_ batch: [Job]) throws -> [Result<Void, any Error>]? {
        var results: [Result<Void, any Error>]? = []
        try database.pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                for job in batch {
                    do {
                        try job.work(db)
                    } catch {
                        results = batch.count == 1 ? [.failure(error)] : nil
                        return .rollback
                    }
                    results?.append(.success(()))
                }
                return .commit
            }
        }
        return results
    }

    /// Runs the batch in one transaction with each write in a savepoint: a write that throws is
    /// rolled back to its savepoint, and the rest are committed.
    private func transactionIsolatingEachWrite(_ batch: [Job]) throws -> [Result<Void, any Error>] {
        var results: [Result<Void, any Error>] = []
        try database.pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                // Cached statements: a savepoint per write must not cost a compile per write.
                let begin = try db.cachedStatement(sql: "SAVEPOINT job")
                let rollBack = try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT job")
                let release = try db.cachedStatement(sql: "RELEASE SAVEPOINT job")
                for job in batch {
                    try begin.execute()
                    do {
                        try job.work(db)
                        results.append(.success(()))
                    } catch {
                        try rollBack.execute()
                        results.append(.failure(error))
                    }
                    try release.execute()
                }
                return .commit
            }
        }
        return results
    }
}

private final class Box<Value>: @unchecked Sendable {
    var value: Value?
}

/// The writer has been stopped; the write was not made.
public struct WriterStopped: Error, CustomStringConvertible {
    public var description: String { "the writer is stopped" }
}
