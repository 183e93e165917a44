import Foundation
import GRDB
import KioskStorage
import KioskTestSupport
import Testing

/// Instants written by hand for the autosave path read back as GRDB's own and sort the same.
@Suite struct StoredTextTests {
    @Test func theTextIsGRDBsForEveryKindOfInstant() {
        var generator = SeededRandom(seed: 20_261_204)
        var instants: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400), // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_399.999), Date(timeIntervalSince1970: 1_798_761_599.9995),
        ]
        for _ in 0..<5_000 {
            // Any instant from 1970 to 2100, most with sub-millisecond parts.
            instants.append(Date(timeIntervalSince1970: Double.random(in: 0..<4_102_444_800, using: &generator)))
        }
        for instant in instants {
            #expect(instant.storedText == String.fromDatabaseValue(instant.databaseValue), "\(instant.timeIntervalSince1970)")
        }
    }

    @Test func storedInstantsCompareInSQLAsTheyDoInTime() throws {
        let database = try DatabaseQueue()
        let earlier = Date(timeIntervalSince1970: 1_796_000_000.123)
        let later = earlier.addingTimeInterval(0.001)
        let ordered = try database.read { db in
            try Bool.fetchOne(db, sql: "SELECT ? < ? AND ? = ?", arguments: [earlier.storedText, later, later.storedText, later])
        }
        #expect(ordered == true)
    }
}
