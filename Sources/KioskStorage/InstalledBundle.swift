import Foundation
import GRDB
import KioskCore

/// The deployment bundle as the database holds it after ``BundleInstallation``.
public enum InstalledBundle {
    /// Reads the site, instruments, timetable and roster back; nil before any bundle was loaded.
    public static func read(_ db: Database) throws -> DeploymentBundle? {
        guard let site = try site(db) else { return nil }
        let decoder = JSONDecoder()
        let instruments = try String.fetchAll(db, sql: "SELECT definition FROM instrument ORDER BY id")
            .map { try decoder.decode(Instrument.self, from: Data($0.utf8)) }
        let sessions = try String.fetchAll(db, sql: "SELECT definition FROM session ORDER BY position")
            .map { try decoder.decode(Session.self, from: Data($0.utf8)) }
        let participants = try ParticipantRecord.allEntries(db)
        return DeploymentBundle(
            site: site, instruments: instruments, timetable: Timetable(sessions: sessions),
            roster: Roster(entries: participants))
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
