import ArgumentParser
import Foundation
import KioskCore
import KioskServer
import KioskStorage

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Load a checked bundle into the kiosk's database.",
        discussion: """
            Checks the bundle first and loads nothing if it has errors. Loading again is how a corrected
            roster or timetable arrives: every roster change is written to the audit log, and an
            instrument, session or participant that someone has already started cannot be changed.

            Sealed instruments are loaded as they are, encrypted: no key is asked for, and none is \
            stored. They open when a proctor types the day's key at the session's start.
            """)

    @Option(help: "The bundle folder.", completion: .directory)
    var bundle: String

    @Option(help: "The folder for the database (created if missing).")
    var data: String = "./kiosk-data"

    func run() throws {
        let loaded = try BundleLoading.install(bundleAt: bundle, dataDirectory: data)
        Console.show(loaded.description)
    }
}

/// Checking and loading a bundle, shared by `kiosk init` and `kiosk demo`.
enum BundleLoading {
    struct Loaded: CustomStringConvertible {
        var bundle: DeploymentBundle
        var summary: BundleInstallation.Summary
        var warnings: [BundleDiagnostic]

        var description: String {
            (warnings.map(\.description) + [summaryLine] + [rosterChangeLine].compactMap { $0 }).joined(separator: "\n")
        }

        /// What was loaded, in one line.
        var summaryLine: String {
            """
                已载入 / loaded: \(bundle.instruments.count + bundle.sealedInstruments.count) 份问卷 instruments \
                (加密 sealed \(bundle.sealedInstruments.count)) \
                (新 new \(summary.instrumentsAdded.count), 更新 replaced \(summary.instrumentsReplaced.count), \
                未变 unchanged \(summary.instrumentsUnchanged.count)), \(summary.sessions) 个场次 sessions, \
                \(bundle.roster.entries.count) 名参与者 participants
                """
        }

        private var rosterChangeLine: String? {
            let changes = summary.participantsAdded.count + summary.participantsChanged.count + summary.participantsRemoved.count
            guard changes > 0 else { return nil }
            return """
                名单变更已记入审计日志 / roster changes written to the audit log: \
                +\(summary.participantsAdded.count) ~\(summary.participantsChanged.count) -\(summary.participantsRemoved.count)\
                \(summary.rosterChangedAfterStart ? "（监测已开始 / after the day started）" : "")
                """
        }
    }

    static func install(bundleAt path: String, dataDirectory: String, now: Date = Date()) throws -> Loaded {
        let report = BundleChecker().check(bundleAt: URL(fileURLWithPath: path))
        guard let bundle = report.bundle else {
            Console.show(report.description)
            throw ExitCode(1)
        }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let database = try KioskDatabase(path: dataDirectory + "/kiosk.sqlite")
        defer { try? database.close() }
        let installation = BundleInstallation(
            bundle: bundle, fingerprints: bundle.fingerprints, actor: OperatorName.current, now: now)
        do {
            let summary = try installation.install(into: database)
            return Loaded(bundle: bundle, summary: summary, warnings: report.warnings)
        } catch let refused as BundleInstallationError {
            throw ValidationError(refused.description)
        }
    }
}

/// The operating-system user running a command, as the audit log names them.
enum OperatorName {
    static var current: String {
        "system:" + (ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown")
    }
}
