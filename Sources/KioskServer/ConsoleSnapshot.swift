import Foundation
import GRDB
import KioskCore
import KioskStorage

/// What the console shows of one session, read in one transaction: the session, its roster lines,
/// and the names lab machines gave on the readiness page.
struct ConsoleSnapshot {
    var scheduled: ScheduledSession
    var lines: [RosterLine]
    var machineLabels: [String: String]
    /// The fingerprint of the session's instrument as loaded now.
    var instrumentFingerprint: String?
    /// Whether that instrument is sealed.
    var instrumentSealed = false

    /// The session with this ID, or nil.
    static func read(sessionID: String, _ db: Database) throws -> ConsoleSnapshot? {
        guard let scheduled = try ScheduledSession.fetch(id: sessionID, db) else { return nil }
        return try ConsoleSnapshot(scheduled: scheduled, db)
    }

    init(scheduled: ScheduledSession, _ db: Database) throws {
        self.scheduled = scheduled
        lines = try SessionRoster.lines(of: scheduled, db)
        machineLabels = try LabCheckRecord.latestNamePerAddress(db)
        let instrument = try scheduled.session.instrumentID.flatMap {
            try Row.fetchOne(db, sql: "SELECT hash, envelope IS NOT NULL AS sealed FROM instrument WHERE id = ?", arguments: [$0])
        }
        instrumentFingerprint = instrument?["hash"]
        instrumentSealed = instrument?["sealed"] ?? false
    }

    func statuses(at now: Date) -> [RosterStatus] {
        lines.map { RosterStatus(attempt: $0.attempt?.timeline.state(at: now), mark: $0.mark?.mark.kind) }
    }

    /// The session as the console shows it; the catalog tells whether a sealed instrument is unsealed.
    func view(at now: Date, catalog: InstrumentCatalog) -> SessionView {
        var view = SessionView(scheduled, statuses: statuses(at: now), now: now)
        if instrumentSealed, let instrumentFingerprint {
            view.sealed = true
            view.locked = !catalog.isUnsealed(fingerprint: instrumentFingerprint)
        }
        return view
    }

    /// The roster rows; the instrument comes from the catalog by each attempt's fingerprint, or the
    /// session's current one for those who have not started.
    func rows(at now: Date, catalog: InstrumentCatalog) -> [RosterRow] {
        lines.map { line in
            let fingerprint = line.attempt?.instrumentHash ?? instrumentFingerprint
            let instrument = fingerprint.flatMap { try? catalog.instrument(fingerprint: $0) }
            return RosterRow(line, instrument: instrument, machineLabels: machineLabels, now: now)
        }
    }
}
