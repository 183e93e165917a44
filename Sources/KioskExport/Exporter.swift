import Foundation
import GRDB
import KioskCore
import KioskStorage

/// One file an export wrote, as the manifest lists it.
public struct ExportedFile: Sendable, Codable, Equatable {
    public var name: String
    /// Data rows (CSV: without the header; NDJSON: lines; JSON codebook: columns described).
    public var rows: Int
    public var bytes: Int
    public var sha256: String
}

/// What an export wrote and from which data: `manifest.json`.
public struct ExportManifest: Sendable, Codable, Equatable {
    public struct EventCursor: Sendable, Codable, Equatable {
        /// The cursor the event log started after.
        public var since: Int64
        /// The cursor to pass as `since` next time.
        public var next: Int64
    }

    public var site: String
    public var session: String?
    /// The latest instant recorded in the data (of the answer events and page turns, the last one
    /// stored; of the audit log, the latest): the same data gives the same manifest.
    public var dataAsOf: String
    public var events: EventCursor
    public var missingCodes: [String: Int]
    public var files: [ExportedFile]
}

/// Exports everything collection scripts and analysts need from one read transaction: a single
/// snapshot, so an export taken while answers are saved is consistent, and the writer goes on
/// meanwhile (WAL readers never block it). Every file is streamed: one attempt in memory at a time.
public struct Exporter {
    public let database: KioskDatabase
    public let now: Date

    public init(database: KioskDatabase, now: Date = Date()) {
        self.database = database
        self.now = now
    }

    /// Writes every file into `folder` (created if missing) and then `manifest.json`.
    public func export(
        to folder: URL, options: ExportOptions, progress: @escaping (ExportProgress) -> Void = { _ in }
    ) throws -> ExportManifest {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try database.pool.read { db in
            guard let site = try InstalledBundle.site(db) else { throw ExportError.noBundle }
            if let sessionID = options.sessionID, try ScheduledSession.fetch(id: sessionID, db) == nil {
                throw ExportError.unknownSession(sessionID)
            }
            let run = ExportRun(db: db, folder: folder, site: site, options: options, now: now, progress: progress)
            return try run.writeAll()
        }
    }
}

/// One export in progress, inside the read transaction.
private struct ExportRun {
    let db: Database
    let folder: URL
    let site: SiteConfiguration
    let options: ExportOptions
    let now: Date
    let progress: (ExportProgress) -> Void
    var time: ExportTime { ExportTime(timeZone: site.timeZone) }

    func writeAll() throws -> ExportManifest {
        var files: [ExportedFile] = []
        let dataAsOf = try Date.fetchOne(db, sql: """
            SELECT MAX(t) FROM (
                SELECT server_time AS t FROM answer_event WHERE id = (SELECT MAX(id) FROM answer_event)
                UNION ALL SELECT server_time FROM page_event WHERE id = (SELECT MAX(id) FROM page_event)
                UNION ALL SELECT MAX(at) FROM audit_log UNION ALL SELECT MAX(installed_at) FROM site)
            """) ?? Date(timeIntervalSince1970: 0)
        let reader = ResponseReader(db: db, now: now, sessionFilter: options.sessionID)
        let (stored, locked) = try StoredInstrument.all(db, unsealed: options.unsealedInstruments)
        // The codebook and the wide files need each exported instrument's content.
        let lockedInUse = try locked.filter { try !reader.sessions(of: $0).isEmpty }
        guard lockedInUse.isEmpty else { throw ExportError.sealed(lockedInUse) }
        let exports = try stored
            .filter { try !reader.sessions(of: $0.id).isEmpty }
            .map { WideExport(stored: $0, site: site, options: options) }

        if options.parts.contains(.responses) {
            for export in exports {
                for format in ExportOptions.WideFormat.allCases where options.wideFormats.contains(format) {
                    files.append(try wideFile(export, format: format, dataAsOf: dataAsOf, reader: reader))
                }
            }
        }
        var cursor = ExportManifest.EventCursor(since: options.eventsSince, next: options.eventsSince)
        if options.parts.contains(.events) {
            files.append(try file("answer-events.ndjson") { sink in
                let written = try EventLogExport(time: time, sessionID: options.sessionID).write(to: sink, since: options.eventsSince, db)
                cursor.next = written.next
                return written.rows
            })
        }
        if options.parts.contains(.codebook) {
            let codebook = CodebookExport(exports: exports)
            files.append(try file("codebook.csv") { try codebook.writeCSV(to: $0, byteOrderMark: options.byteOrderMark) })
            files.append(try file("codebook.json") { sink in try codebook.writeJSON(to: sink) })
        }
        if options.parts.contains(.paradata) {
            files += try paradataFiles(exports)
        }
        if options.parts.contains(.reports) {
            let reports = ReportExports(time: time, now: now, sessionID: options.sessionID)
            let participations = try reports.participations(db)
            files.append(try csvFile("completion-report.csv") { try reports.writeCompletion(participations, to: $0) })
            files.append(try csvFile("participants.csv") { try reports.writeParticipants(participations, to: $0) })
            files.append(try csvFile("incidents.csv") { try reports.writeIncidents(to: $0, db) })
            files.append(try csvFile("audit-log.csv") { try reports.writeAudit(to: $0, db) })
        }

        let manifest = ExportManifest(
            site: site.site.code, session: options.sessionID, dataAsOf: time.preciseText(dataAsOf), events: cursor,
            missingCodes: Dictionary(uniqueKeysWithValues: options.missingCodes.base.map { ($0.key.rawValue, $0.value) }),
            files: files)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let sink = try FileSink(url: folder.appendingPathComponent("manifest.json"))
        try sink.write(try encoder.encode(manifest))
        try sink.write("\n")
        _ = try sink.finish()
        return manifest
    }

    private func wideFile(_ export: WideExport, format: ExportOptions.WideFormat, dataAsOf: Date, reader: ResponseReader) throws -> ExportedFile {
        let name = "responses-\(export.stored.id).\(format.rawValue)"
        return try file(name) { sink in
            let writer: any WideTableWriter = switch format {
            case .csv: try WideCSVWriter(sink: sink, byteOrderMark: options.byteOrderMark)
            case .sav, .dta: ReadStatWriter(
                format: format == .sav ? .sav : .dta, sink: sink,
                fileLabel: export.stored.instrument.title.zhCN, timestamp: dataAsOf,
                textWidths: try export.textWidths(db))
            }
            return try export.write(to: writer, reader: reader) { done, total in
                progress(ExportProgress(file: name, rowsDone: done, rowsTotal: total))
            }
        }
    }

    private func paradataFiles(_ exports: [WideExport]) throws -> [ExportedFile] {
        let paradata = ParadataExport(
            sessionID: options.sessionID,
            instruments: Dictionary(uniqueKeysWithValues: exports.map { ($0.stored.id, $0.layout.classifier) }))
        let pagesSink = try FileSink(url: folder.appendingPathComponent("paradata-pages.csv"))
        let itemsSink = try FileSink(url: folder.appendingPathComponent("paradata-items.csv"))
        let pages = try CSVWriter(sink: pagesSink, byteOrderMark: options.byteOrderMark)
        let items = try CSVWriter(sink: itemsSink, byteOrderMark: options.byteOrderMark)
        try paradata.write(pages: pages, items: items, db)
        return [
            try finished(pagesSink, name: "paradata-pages.csv", rows: pages.rowCount),
            try finished(itemsSink, name: "paradata-items.csv", rows: items.rowCount),
        ]
    }

    /// Writes one file with `body`, which returns its row count.
    private func file(_ name: String, _ body: (FileSink) throws -> Int) throws -> ExportedFile {
        let sink = try FileSink(url: folder.appendingPathComponent(name))
        let rows = try body(sink)
        return try finished(sink, name: name, rows: rows)
    }

    private func csvFile(_ name: String, _ body: (CSVWriter) throws -> Void) throws -> ExportedFile {
        try file(name) { sink in
            let csv = try CSVWriter(sink: sink, byteOrderMark: options.byteOrderMark)
            try body(csv)
            return csv.rowCount
        }
    }

    private func finished(_ sink: FileSink, name: String, rows: Int) throws -> ExportedFile {
        let digest = try sink.finish()
        return ExportedFile(name: name, rows: rows, bytes: sink.byteCount, sha256: digest)
    }
}

public enum ExportError: Error, Equatable, CustomStringConvertible {
    case noBundle
    case unknownSession(String)
    /// Sealed instruments with sessions to export, not opened with the day's key.
    case sealed([String])

    public var description: String {
        switch self {
        case .sealed(let ids):
            """
            问卷 \(ids.joined(separator: ", ")) 已加密：导出需要当日密钥（kiosk export --key，或在控制台输入密钥后经 HTTP 导出） / \
            instruments \(ids.joined(separator: ", ")) are sealed: the export needs the day's key \
            (kiosk export --key, or over HTTP once a proctor has typed the key in the console)
            """
        case .noBundle: "还没有载入部署包，没有可导出的数据 / no bundle is loaded: there is nothing to export"
        case .unknownSession(let id): "没有场次 \(id) / there is no session \(id)"
        }
    }
}
