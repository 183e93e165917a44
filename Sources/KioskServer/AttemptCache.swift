import GRDB
import KioskStorage
import Synchronization

/// The attempts of live tokens as the answer-saving path reads them, kept in memory until a change
/// to attempts, sessions or tokens commits.
///
/// Without it every autosave opened a read transaction to find its token's attempt, which cost
/// more than the rest of the save on the event thread. A transaction observer on the database's
/// writer forgets every entry when a transaction that changed `attempt` (other than the columns
/// every save writes), `session` or `access_token` commits; an entry read while such a change was
/// committing is not kept. What the cache cannot see (a write from another process, such as a
/// `kiosk init` under a running server) does no harm: the writer checks the token and the
/// attempt's state again at commit, in the database.
final class AttemptCache: Sendable {
    /// More live tokens than a lab has machines; past it the cache starts again empty.
    static let capacity = 4096

    private struct State {
        var generation: UInt64 = 0
        var attempts: [String: AttemptRecord] = [:]
    }

    private let state = Mutex(State())

    init(database: KioskDatabase) {
        database.pool.add(transactionObserver: AttemptChangeObserver { [weak self] in self?.forgetAll() }, extent: .databaseLifetime)
    }

    /// The attempt of the token with this hash: from memory, or from `read` (then kept).
    func attempt(tokenHash: String, read: () throws -> AttemptRecord) throws -> AttemptRecord {
        let generation: UInt64
        switch state.withLock({ state in state.attempts[tokenHash].map(Lookup.found) ?? .missing(state.generation) }) {
        case .found(let record): return record
        case .missing(let current): generation = current
        }
        let record = try read()
        state.withLock { state in
            // A change committed while we read: what we read may predate it.
            guard state.generation == generation else { return }
            if state.attempts.count >= Self.capacity { state.attempts.removeAll(keepingCapacity: true) }
            state.attempts[tokenHash] = record
        }
        return record
    }

    private enum Lookup {
        case found(AttemptRecord)
        case missing(UInt64)
    }

    private func forgetAll() {
        state.withLock { state in
            state.generation &+= 1
            state.attempts.removeAll(keepingCapacity: true)
        }
    }
}

/// Tells when a transaction that changed what an ``AttemptRecord`` holds has committed.
///
/// GRDB calls it on the writer connection's queue only, one transaction at a time, which is what
/// makes its one flag safe without a lock.
private final class AttemptChangeObserver: TransactionObserver, @unchecked Sendable {
    private let committed: @Sendable () -> Void
    private var changed = false

    init(committed: @escaping @Sendable () -> Void) {
        self.committed = committed
    }

    /// Asked for every statement the writer runs, autosaves included: it compares names, which
    /// costs less than hashing them into a set.
    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        switch eventKind {
        case .insert(let table), .delete(let table):
            return Self.isWatched(table)
        case .update("attempt", let columns):
            return !columns.allSatisfy(Autosave.attemptColumnsWritten.contains)
        case .update(let table, _):
            return Self.isWatched(table)
        }
    }

    private static func isWatched(_ table: String) -> Bool {
        table == "attempt" || table == "session" || table == "access_token"
    }

    func databaseDidChange() {
        changed = true
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    func databaseDidChange(with event: DatabaseEvent) {
        databaseDidChange()
    }

    func databaseDidCommit(_ db: Database) {
        guard changed else { return }
        changed = false
        committed()
    }

    func databaseDidRollback(_ db: Database) {
        changed = false
    }
}
