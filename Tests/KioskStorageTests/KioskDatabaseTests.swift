import GRDB
import KioskStorage
import KioskTestSupport
import Testing

/// The database file is opened the way the durability promise needs.
@Suite struct KioskDatabaseTests {
    @Test func writerIsSynchronousFull() throws {
        let folder = try TemporaryDirectory()
        let database = try KioskDatabase(path: folder.file("kiosk.sqlite"))
        // DatabasePool sets NORMAL on its writer after prepareDatabase; FULL must win.
        #expect(try database.writerSynchronousMode() == 2)
        try database.close()
    }

    @Test func walForeignKeysAndBusyTimeout() throws {
        let folder = try TemporaryDirectory()
        let database = try KioskDatabase(path: folder.file("kiosk.sqlite"))
        let writer = try database.pool.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
             try Int.fetchOne(db, sql: "PRAGMA busy_timeout"))
        }
        #expect(writer.0 == "wal")
        #expect(writer.1 == 1)
        #expect(writer.2 == 5000)
        let readerForeignKeys = try database.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(readerForeignKeys == 1)
        try database.close()
    }

    @Test func migrationsAreRecordedAndRunOnce() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("kiosk.sqlite")
        try KioskDatabase(path: path).close()
        let reopened = try KioskDatabase(path: path)
        let applied = try reopened.pool.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        #expect(applied.first == "0001 lab readiness checks")
        #expect(Set(applied).count == applied.count)
        #expect(try reopened.integrityCheck() == ["ok"])
        try reopened.close()
    }
}
