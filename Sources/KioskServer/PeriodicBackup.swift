import Dispatch
import Foundation
import KioskCore
import KioskStorage
import Logging
import Synchronization

/// Backs the database up while the kiosk serves, as `kiosk.json`'s `backup` asks: every few minutes
/// a consistent copy into a second folder (a USB stick), keeping the newest few. A failed copy (the
/// stick pulled out) is logged and shown on `/healthz`; serving goes on, and the next tick tries again.
final class PeriodicBackup: Sendable {
    /// The outcome of the latest attempt.
    struct Status: Sendable, Encodable {
        var path: String
        var lastBackupAt: Int64?
        var lastError: String?
    }

    private let database: KioskDatabase
    private let policy: BackupPolicy
    private let prefix: String
    private let logger: Logger
    private let interval: TimeInterval
    /// Made by `start`: a dispatch source must not be released before it was resumed.
    private let timer = Mutex<(any DispatchSourceTimer)?>(nil)
    private let state: Mutex<Status>

    /// - Parameter interval: how often; the policy's minutes unless given (tests).
    init(database: KioskDatabase, policy: BackupPolicy, siteCode: String, logger: Logger, interval: TimeInterval? = nil) {
        self.database = database
        self.policy = policy
        prefix = "kiosk-\(siteCode)-"
        self.logger = logger
        self.interval = interval ?? TimeInterval(policy.everyMinutes * 60)
        state = Mutex(Status(path: policy.path))
    }

    var status: Status { state.withLock { $0 } }

    func start() {
        timer.withLock { timer in
            let source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "kiosk-backup", qos: .utility))
            source.setEventHandler { [self] in backUp() }
            source.schedule(deadline: .now() + interval, repeating: interval, leeway: .seconds(1))
            source.resume()
            timer = source
        }
    }

    func stop() {
        timer.withLock { $0?.cancel() }
    }

    /// One copy now, named by the time (`kiosk-SITE-20261123-093000.sqlite`), then the oldest
    /// beyond `keep` removed.
    func backUp() {
        let now = Date()
        let name = prefix + DatabaseBackup.stamp(now) + ".sqlite"
        do {
            try FileManager.default.createDirectory(atPath: policy.path, withIntermediateDirectories: true)
            try DatabaseBackup.copy(database, to: policy.path + "/" + name)
            let copies = try FileManager.default.contentsOfDirectory(atPath: policy.path)
                .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".sqlite") }.sorted()
            for old in copies.dropLast(policy.keep) {
                try FileManager.default.removeItem(atPath: policy.path + "/" + old)
            }
            state.withLock { $0.lastBackupAt = now.millisecondsSince1970; $0.lastError = nil }
        } catch {
            logger.error("the periodic backup failed", metadata: ["path": "\(policy.path)", "error": "\(error)"])
            state.withLock { $0.lastError = "\(error)" }
        }
    }
}
