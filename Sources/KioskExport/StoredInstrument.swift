import Foundation
import GRDB
import KioskCore

/// An instrument as loaded: its definition, version and fingerprint.
struct StoredInstrument {
    var instrument: Instrument
    var hash: String

    var id: String { instrument.id }
    var version: String { instrument.version }

    /// Every loaded instrument at hand, by ID, and the IDs of the sealed ones not among
    /// `unsealed` (instruments by fingerprint, opened with the day's key by the caller).
    static func all(_ db: Database, unsealed: [String: Instrument]) throws -> (stored: [StoredInstrument], locked: [String]) {
        let decoder = JSONDecoder()
        var stored: [StoredInstrument] = []
        var locked: [String] = []
        for row in try Row.fetchAll(db, sql: "SELECT id, hash, definition FROM instrument ORDER BY id") {
            let hash: String = row["hash"]
            if let definition = row["definition"] as String? {
                stored.append(StoredInstrument(instrument: try decoder.decode(Instrument.self, from: Data(definition.utf8)), hash: hash))
            } else if let instrument = unsealed[hash] {
                stored.append(StoredInstrument(instrument: instrument, hash: hash))
            } else {
                locked.append(row["id"])
            }
        }
        return (stored, locked)
    }
}
