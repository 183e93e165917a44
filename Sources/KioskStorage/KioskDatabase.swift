import Foundation
import GRDB

/// The kiosk's SQLite file, opened through a GRDB `DatabasePool`: WAL, foreign keys, a busy
/// timeout, `synchronous = FULL` on the one writer connection, and the schema migrated.
///
/// An acknowledged answer must survive a power cut, so `synchronous = FULL` is not optional:
/// `DatabasePool` sets `NORMAL` on its writer after `Configuration.prepareDatabase` has run, and
/// with `NORMAL` a WAL commit is not flushed to disk before it returns. The pool is therefore
/// switched to `FULL` once it is open, and ``writerSynchronousMode()`` reads it back for tests.
public final class KioskDatabase: Sendable {
    /// The pool: one writer connection, readers on their own connections.
    public let pool: DatabasePool
    public let path: String

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "kiosk"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = 4
        pool = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try KioskSchema.migrator.migrate(pool)
    }

    /// `PRAGMA synchronous` as the writer connection sees it: 2 means FULL.
    public func writerSynchronousMode() throws -> Int {
        try pool.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
        }
    }

    /// Moves the write-ahead log into the main file, so that the file alone holds everything.
    public func checkpoint() throws {
        try pool.writeWithoutTransaction { db in
            _ = try db.checkpoint(.truncate)
        }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Checkpoints and closes every connection. Using the database afterwards is an error.
    public func close() throws {
        try checkpoint()
        try pool.close()
    }
}
