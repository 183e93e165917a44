import Foundation
import GRDB

/// Copies of the kiosk's database made while it serves, with SQLite's online backup: a consistent
/// copy of one moment, taken without stopping the writer for more than a page step at a time.
public enum DatabaseBackup {
    /// `20261123-093000`: the local time in a backup's or a replaced folder's name, sorting as it reads.
    public static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }

    /// Writes a copy of `database` to `destination` (a file path): first to a temporary file beside
    /// it, checked with `PRAGMA quick_check` and flushed to the device, then renamed into place, so a
    /// backup interrupted by a pulled USB stick never leaves a half file under the final name.
    public static func copy(_ database: KioskDatabase, to destination: String) throws {
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        let copy = try DatabaseQueue(path: partial)
        do {
            try database.pool.backup(to: copy)
            let check = try copy.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            guard check == ["ok"] else { throw BackupError.damagedCopy(check.joined(separator: "; ")) }
            try copy.close()
        } catch {
            try? copy.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        try flush(partial)
        if FileManager.default.fileExists(atPath: destination) { try FileManager.default.removeItem(atPath: destination) }
        try FileManager.default.moveItem(atPath: partial, toPath: destination)
        try flush((destination as NSString).deletingLastPathComponent)
    }

    /// fsync on a file or a folder: the copy (and its name) reach the device before we say "done".
    private static func flush(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw BackupError.cannotOpen(path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw BackupError.cannotFlush(path) }
    }

    /// Replaces the database at `dataPath` with the copy at `source`, after checking that the copy is
    /// a sound kiosk database. The replaced files are moved into `replacedFolder`, never deleted.
    public static func restore(from source: String, to dataPath: String, keepingReplacedIn replacedFolder: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let copy = try DatabaseQueue(path: source, configuration: configuration)
        let (check, isKiosk) = try copy.read { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check"), try db.tableExists("answer_event"))
        }
        try copy.close()
        guard check == ["ok"] else { throw BackupError.damagedCopy(check.joined(separator: "; ")) }
        guard isKiosk else { throw BackupError.notAKioskDatabase(source) }

        try FileManager.default.createDirectory(atPath: replacedFolder, withIntermediateDirectories: true)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: dataPath + suffix) {
            let name = (dataPath as NSString).lastPathComponent + suffix
            try FileManager.default.moveItem(atPath: dataPath + suffix, toPath: replacedFolder + "/" + name)
        }
        let partial = dataPath + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        try FileManager.default.copyItem(atPath: source, toPath: partial)
        try flush(partial)
        try FileManager.default.moveItem(atPath: partial, toPath: dataPath)
        try flush((dataPath as NSString).deletingLastPathComponent)
    }
}

public enum BackupError: Error, Equatable, CustomStringConvertible {
    case damagedCopy(String)
    case notAKioskDatabase(String)
    case cannotOpen(String)
    case cannotFlush(String)

    public var description: String {
        switch self {
        case .damagedCopy(let problems): "副本不完整，未使用 / the copy is damaged and was not used: \(problems)"
        case .notAKioskDatabase(let path): "\(path) 不是问卷机的数据库 / \(path) is not a kiosk database"
        case .cannotOpen(let path): "无法打开 / cannot open \(path)"
        case .cannotFlush(let path): "无法写入设备 / cannot flush \(path) to the device"
        }
    }
}
