import Foundation
import GRDB
import KioskCore

/// An instrument as loaded: its definition, version and fingerprint.
struct StoredInstrument {
    var instrument: Instrument
    var hash: String

    var id: String { instrument.id }
    var version: String { instrument.version }

    /// Every loaded instrument, by ID.
    static func all(_ db: Database) throws -> [StoredInstrument] {
        let decoder = JSONDecoder()
        return try Row.fetchAll(db, sql: "SELECT hash, definition FROM instrument ORDER BY id").map { row in
            StoredInstrument(
                instrument: try decoder.decode(Instrument.self, from: Data((row["definition"] as String).utf8)),
                hash: row["hash"])
        }
    }
}
