import ArgumentParser
import Foundation
import KioskCore
import KioskExport
import KioskServer
import KioskStorage

/// `kiosk export`: everything collection scripts and analysts need, from one snapshot.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "导出数据与报表 / Export responses, codebook, paradata and reports.",
        discussion: """
            Writes, from one consistent snapshot (answers may go on being saved meanwhile):
            responses-INSTRUMENT.csv/.sav/.dta (wide: one row per attempt, one column per variable,
            a multiple-choice item as 0/1 columns, missing codes by reason), answer-events.ndjson (every
            answer event after --since, with the cursor for next time in manifest.json), codebook.csv and
            codebook.json, paradata-pages.csv and paradata-items.csv, completion-report.csv (测试完成情况),
            participants.csv (测试生基本信息), incidents.csv (应急事件报告表), audit-log.csv, and
            manifest.json with every file's row count and SHA-256. Practice sessions are left out.
            --only limits the export to some of these groups: responses (the wide files), events, \
            codebook, paradata, reports (the last four files).

            Sealed instruments: the wide files and the codebook need the questionnaire, so an export \
            with sessions of a sealed instrument needs the day's key (--key or --key-file). The key and \
            the opened questionnaire stay in memory; the exported files hold labels as usual.
            """)

    @Option(help: "The kiosk's data folder.")
    var data: String = "./kiosk-data"

    @Option(help: "The folder to write into (created if missing).")
    var out: String

    @Option(help: "Only this session.")
    var session: String?

    @Option(help: "Only these groups of files: any of responses, events, codebook, paradata, reports, comma-separated (default: all).")
    var only: String?

    @Option(help: "Formats of the wide data: any of csv, sav, dta, comma-separated.")
    var format: String = "csv,sav,dta"

    @Flag(help: "Start each CSV file with a UTF-8 byte-order mark (for Excel in Chinese).")
    var bom = false

    @Option(help: "The event log holds only events after this cursor (the last manifest's events.next).")
    var since: Int64 = 0

    @Option(help: "Missing codes, e.g. no_response=9,not_reached=8,hidden_by_rule=7,timed_out=6,not_administered=5.")
    var missingCodes: String?

    @OptionGroup var keyInput: DayKeyInput

    func run() throws {
        var formats = Set<ExportOptions.WideFormat>()
        for name in format.split(separator: ",") {
            guard let format = ExportOptions.WideFormat(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("未知格式 \(name)：可选 csv、sav、dta / unknown format \(name): csv, sav or dta")
            }
            formats.insert(format)
        }
        var parts = Set(ExportPart.allCases)
        if let only {
            parts = []
            for name in only.split(separator: ",") {
                guard let part = ExportPart(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("""
                        未知文件组 \(name)：可选 responses、events、codebook、paradata、reports / \
                        unknown group of files \(name): responses, events, codebook, paradata or reports
                        """)
                }
                parts.insert(part)
            }
        }
        guard since >= 0 else { throw ValidationError("--since 不能为负 / --since cannot be negative") }
        let codes = try missingCodes.map { try MissingCodes(parsing: $0) } ?? .standard
        let database = try KioskDatabase(path: data + "/kiosk.sqlite")
        defer { try? database.close() }
        var options = ExportOptions(sessionID: session, parts: parts, wideFormats: formats, byteOrderMark: bom, missingCodes: codes, eventsSince: since)
        if let key = try keyInput.key() {
            options.unsealedInstruments = try Self.unseal(database, key: key)
        }
        let bar = ProgressBar()
        let manifest: ExportManifest
        do {
            manifest = try Exporter(database: database).export(to: URL(fileURLWithPath: out), options: options, progress: bar.show)
        } catch let error as ExportError {
            bar.clear()
            throw ValidationError(error.description)
        }
        bar.clear()
        try database.pool.write { db in
            try AuditEntry.record(
                at: Date(), actor: OperatorName.current, action: "export.cli", subject: out,
                detail: ["session": session ?? "", "since": String(since), "next": String(manifest.events.next)], db)
        }
        for file in manifest.files {
            Console.show("  \(file.name)  \(file.rows) 行 rows  \(file.bytes) B")
        }
        Console.show("""
            已导出到 / exported to \(out)（manifest.json 含每个文件的 SHA-256 / holds each file's SHA-256）
            下次增量导出事件请用 / next incremental event export: --since \(manifest.events.next)
            """)
    }
}

extension ExportCommand {
    /// Every sealed instrument of the database opened with `key`, by fingerprint, in memory only.
    static func unseal(_ database: KioskDatabase, key: DayKey) throws -> [String: Instrument] {
        var opened: [String: Instrument] = [:]
        for sealed in try database.pool.read(InstalledBundle.sealedInstruments) {
            do throws(InstrumentSeal.Failure) {
                opened[sealed.instrument.fingerprint] = try InstrumentSeal.open(sealed, key: key)
            } catch {
                throw ValidationError(error == .wrongKey
                    ? "当日密钥打不开问卷 \(sealed.instrument.id) / the day's key does not open instrument \(sealed.instrument.id)"
                    : "问卷 \(sealed.instrument.id) 的内容与其指纹不符 / instrument \(sealed.instrument.id) does not match its fingerprint")
            }
        }
        return opened
    }
}

/// A one-line progress bar on the terminal's standard error; silent when it is not a terminal.
final class ProgressBar {
    private let enabled = isatty(STDERR_FILENO) == 1

    func show(_ progress: ExportProgress) {
        guard enabled, progress.rowsTotal > 0 else { return }
        let width = 30
        let filled = width * progress.rowsDone / progress.rowsTotal
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\(progress.file) [\(bar)] \(progress.rowsDone)/\(progress.rowsTotal)\u{1B}[K".utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
