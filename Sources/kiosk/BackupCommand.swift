import ArgumentParser
import Foundation
import KioskServer
import KioskStorage

/// `kiosk backup`: a consistent copy of the database, while the kiosk serves or not.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "备份数据库 / Copy the database to another folder, even while serving.",
        discussion: """
            Uses SQLite's online backup, so the copy is one consistent moment and answers go on being
            saved meanwhile. The copy (kiosk-backup-YYYYMMDD-HHMMSS.sqlite) is checked and flushed to the
            device before it gets its final name. kiosk.json's "backup" makes the server do this by itself
            every few minutes.
            """)

    @Option(help: "The kiosk's data folder.")
    var data: String = "./kiosk-data"

    @Option(help: "The folder to write the copy into (a USB stick), created if missing.")
    var to: String

    func run() throws {
        let database = try KioskDatabase(path: data + "/kiosk.sqlite")
        defer { try? database.pool.close() }
        try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: true)
        let path = to + "/kiosk-backup-" + DatabaseBackup.stamp(Date()) + ".sqlite"
        try DatabaseBackup.copy(database, to: path)
        Console.show("已备份到 / backed up to \(path)")
    }
}

/// `kiosk restore`: puts a backup in place of the database, with the server stopped.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "从备份恢复 / Replace the database with a backup (stop the server first).",
        discussion: """
            Checks the backup (PRAGMA integrity_check, and that it is a kiosk database), moves the current
            database files into DATA/replaced-YYYYMMDD-HHMMSS/ (nothing is deleted), and copies the backup
            into place. Refused while a kiosk serves from the folder.
            """)

    @Option(help: "The backup file.")
    var from: String

    @Option(help: "The kiosk's data folder.")
    var data: String = "./kiosk-data"

    func run() throws {
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let lock = try DataDirectoryLock(dataDirectory: data)
        defer { lock.release() }
        let replaced = data + "/replaced-" + DatabaseBackup.stamp(Date())
        try DatabaseBackup.restore(from: from, to: data + "/kiosk.sqlite", keepingReplacedIn: replaced)
        let database = try KioskDatabase(path: data + "/kiosk.sqlite")
        try database.close()
        Console.show("""
            已从 \(from) 恢复 / restored from \(from)
            原数据库已移至 / the replaced database was moved to \(replaced)
            """)
    }
}
