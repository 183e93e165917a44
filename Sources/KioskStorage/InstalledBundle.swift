import Foundation
import GRDB
import KioskCore

/// The deployment bundle as the database holds it after ``BundleInstallation``.
public enum InstalledBundle {
    /// Reads the site, instruments, timetable and roster back; nil before any bundle was loaded.
    public static func read(_ db: Database) throws -> DeploymentBundle? {
        guard let site = try site(db) else { return nil }
        let decoder = JSONDecoder()
        let instruments = try String.fetchAll(db, sql: "SELECT definition FROM instrument WHERE definition IS NOT NULL ORDER BY id")
            .map { try decoder.decode(Instrument.self, from: Data($0.utf8)) }
        let sealed = try sealedInstruments(db)
        let sessions = try String.fetchAll(db, sql: "SELECT definition FROM session ORDER BY position")
            .map { try decoder.decode(Session.self, from: Data($0.utf8)) }
        let participants = try ParticipantRecord.allEntries(db)
        return DeploymentBundle(
            site: site, instruments: instruments, timetable: Timetable(sessions: sessions),
            roster: Roster(entries: participants), sealedInstruments: sealed)
    }

    /// The envelopes of the sealed instruments, by ID order.
    public static func sealedInstruments(_ db: Database) throws -> [SealedInstrument] {
        try String.fetchAll(db, sql: "SELECT envelope FROM instrument WHERE envelope IS NOT NULL ORDER BY id").map {
            guard let sealed = SealedInstrument(json: Data($0.utf8)) else { throw StoredEnvelopeUnreadable() }
            return sealed
        }
    }

    /// The envelope of one instrument when it is sealed, nil when it is stored in the clear or missing.
    public static func sealedInstrument(fingerprint: String, _ db: Database) throws -> SealedInstrument? {
        guard let json = try String.fetchOne(
            db, sql: "SELECT envelope FROM instrument WHERE hash = ? AND envelope IS NOT NULL", arguments: [fingerprint])
        else { return nil }
        guard let sealed = SealedInstrument(json: Data(json.utf8)) else { throw StoredEnvelopeUnreadable() }
        return sealed
    }

    /// The site's configuration; nil before any bundle was loaded.
    public static func site(_ db: Database) throws -> SiteConfiguration? {
        try String.fetchOne(db, sql: "SELECT definition FROM site WHERE id = 1").map {
            try JSONDecoder().decode(SiteConfiguration.self, from: Data($0.utf8))
        }
    }

    /// The fingerprint stored for each instrument.
    public static func fingerprints(_ db: Database) throws -> [String: String] {
        try Row.fetchAll(db, sql: "SELECT id, hash FROM instrument")
            .reduce(into: [:]) { $0[$1["id"]] = $1["hash"] }
    }
}

/// A stored envelope that no longer reads as one: the database was altered by hand.
public struct StoredEnvelopeUnreadable: Error {}
