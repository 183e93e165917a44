import Foundation
import GRDB
@testable import KioskStorage
import KioskTestSupport
import Testing

/// Migration 0006 rebuilds the instrument table so that an instrument can be stored sealed: a
/// database of an earlier kiosk keeps every instrument, session and attempt, on a real SQLite file.
@Suite struct SealedInstrumentMigrationTests {
    @Test func anEarlierDatabaseKeepsItsInstrumentsAndTheirReferences() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("kiosk.sqlite")
        let earlier = try DatabaseQueue(path: path)
        try KioskSchema.migrator.migrate(earlier, upTo: "0005 paradata and export")
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        try earlier.write { db in
            try db.execute(sql: "INSERT INTO instrument (id, version, hash, definition, loaded_at) VALUES ('I1', '1', 'abc', '{}', ?)", arguments: [now])
            try db.execute(sql: """
                INSERT INTO session (id, position, instrument_id, opens_at, closes_at, practice, definition)
                VALUES ('S1', 0, 'I1', ?, NULL, 0, '{}')
                """, arguments: [now])
            try db.execute(sql: "INSERT INTO participant (id, position, role, name) VALUES ('P1', 0, 'student', '张三')")
            try db.execute(sql: """
                INSERT INTO attempt (participant_id, session_id, instrument_id, instrument_hash, created_at)
                VALUES ('P1', 'S1', 'I1', 'abc', ?)
                """, arguments: [now])
        }
        try earlier.close()

        let database = try KioskDatabase(path: path)
        try database.pool.read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM instrument WHERE id = 'I1'"))
            #expect(row["definition"] as String? == "{}" && row["envelope"] as String? == nil && row["hash"] as String == "abc")
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            let references = try String.fetchAll(db, sql: "SELECT \"table\" FROM pragma_foreign_key_list('attempt')")
            #expect(references.contains("instrument"))
        }
        try database.pool.write { db in
            // Stored either in the clear or sealed, never both and never neither.
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO instrument (id, version, hash, loaded_at) VALUES ('I2', '1', 'x', ?)", arguments: [now])
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: """
                    INSERT INTO instrument (id, version, hash, definition, envelope, loaded_at) VALUES ('I3', '1', 'y', '{}', '{}', ?)
                    """, arguments: [now])
            }
            try db.execute(sql: "INSERT INTO instrument (id, version, hash, envelope, loaded_at) VALUES ('I4', '1', 'z', '{}', ?)", arguments: [now])
        }
        #expect(try database.integrityCheck() == ["ok"])
        try database.close()
    }
}
