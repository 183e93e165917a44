import Foundation
import KioskServer
import KioskStorage

/// The demo's data folder across runs: kept while its open-now session is still open, so that a
/// restarted demo finds every answer given; archived (never deleted) once that session is over.
enum DemoData {
    /// Whether the folder holds a demo whose open-now session has not ended by `now`.
    static func isStillOpen(in folder: String, at now: Date) throws -> Bool {
        let path = folder + "/kiosk.sqlite"
        guard FileManager.default.fileExists(atPath: path) else { return false }
        let database = try KioskDatabase(path: path)
        defer { try? database.close() }
        let sessions = try database.pool.read(ScheduledSession.all)
        guard let demo = sessions.first(where: { $0.session.id == DemoTimetable.openNowSessionID }) else { return false }
        return demo.window.contains(now)
    }

    /// Moves an earlier demo's database and code files into `previous/DATE-TIME/`; returns where,
    /// or nil when there was nothing to move.
    static func archivePrevious(in folder: String, at now: Date) throws -> String? {
        let fileManager = FileManager.default
        let names = ["kiosk.sqlite", "kiosk.sqlite-wal", "kiosk.sqlite-shm", LoginSlipFiles.csvName, LoginSlipFiles.htmlName]
            .filter { fileManager.fileExists(atPath: folder + "/" + $0) }
        guard !names.isEmpty else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let archive = folder + "/previous/" + formatter.string(from: now)
        try fileManager.createDirectory(atPath: archive, withIntermediateDirectories: true)
        for name in names {
            try fileManager.moveItem(atPath: folder + "/" + name, toPath: archive + "/" + name)
        }
        return archive
    }
}
