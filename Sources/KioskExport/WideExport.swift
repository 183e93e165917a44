import Foundation
import GRDB
import KioskCore
import KioskStorage

/// An instrument's responses in wide form: one row per attempt (and per sampled participant who
/// never started), one column per variable, in CSV, SPSS and Stata.
struct WideExport {
    let stored: StoredInstrument
    let layout: WideLayout
    let site: SiteConfiguration
    let time: ExportTime

    init(stored: StoredInstrument, site: SiteConfiguration, options: ExportOptions) {
        self.stored = stored
        self.site = site
        layout = WideLayout(instrument: stored.instrument, missingCodes: options.missingCodes)
        time = ExportTime(timeZone: site.timeZone)
    }

    /// The row's cells, column by column.
    func cells(for record: ResponseRecord) -> [WideCell] {
        var outcomes: [String: VariableOutcome] = [:]
        return layout.columns.map { column in
            switch column.source {
            case .participantID: return .text(record.participant.id)
            case .school: return .text(record.participant.school ?? site.site.name.zhCN)
            case .grade: return record.participant.grade.map { .number(Double($0)) } ?? .empty
            case .className: return .text(record.participant.className ?? "")
            case .session: return .text(record.sessionID)
            case .instrumentID: return .text(stored.id)
            case .instrumentVersion: return .text(stored.version)
            case .instrumentHash: return .text(stored.hash)
            case .startedAt: return .text(time.text(record.startedAt))
            case .endedAt: return .text(time.text(record.endedAt))
            case .status: return .text(record.status.rawValue)
            case .variable(let variable), .option(let variable, _):
                let outcome = outcomes[variable.name] ?? layout.classifier.outcome(
                    of: variable, answers: record.answers, progress: record.progress)
                outcomes[variable.name] = outcome
                return cell(column, outcome)
            }
        }
    }

    private func cell(_ column: WideColumn, _ outcome: VariableOutcome) -> WideCell {
        switch outcome {
        case .missing(let reason):
            let code = column.missingCodes[reason] ?? 0
            return column.kind == .text ? .text(String(code)) : .number(Double(code))
        case .answered(let value):
            switch (column.source, value) {
            case (.option(_, let code), .codes(let codes)): return .number(codes.contains(code) ? 1 : 0)
            case (_, .number(let number)): return .number(number)
            case (_, .codes(let codes)): return .number(Double(codes.first ?? 0))
            case (_, .text(let text)): return .text(text)
            case (_, .cleared): return .empty
            }
        }
    }

    /// Writes every row to `writer`, reporting progress.
    func write(to writer: any WideTableWriter, reader: ResponseReader, progress: (Int, Int) -> Void) throws -> Int {
        let total = try reader.count(of: stored.id)
        try writer.begin(columns: layout.columns, rowCount: total)
        var done = 0
        try reader.forEachRecord(of: stored.id) { record in
            try writer.write(cells(for: record))
            done += 1
            if done % 100 == 0 || done == total { progress(done, total) }
        }
        try writer.finish()
        return done
    }

    /// The widest value of each text column in UTF-8 bytes, for SPSS and Stata, which fix string
    /// widths before the first row.
    func textWidths(_ db: Database) throws -> [String: Int] {
        func widest(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
            try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
        }
        let missingWidth = layout.columns.flatMap(\.missingCodes.values).map { String($0).count }.max() ?? 2
        var widths: [String: Int] = [
            "participant_id": try widest("SELECT MAX(LENGTH(CAST(id AS BLOB))) FROM participant"),
            "school": max(try widest("SELECT MAX(LENGTH(CAST(school AS BLOB))) FROM participant"), site.site.name.zhCN.utf8.count),
            "class": try widest("SELECT MAX(LENGTH(CAST(class_name AS BLOB))) FROM participant"),
            "session_id": try widest("SELECT MAX(LENGTH(CAST(id AS BLOB))) FROM session"),
            "instrument_id": stored.id.utf8.count, "instrument_version": stored.version.utf8.count,
            "instrument_hash": stored.hash.utf8.count, "started_at": 25, "ended_at": 25,
            "status": RosterStatus.allCases.map(\.rawValue.utf8.count).max() ?? 16,
        ]
        for column in layout.columns where column.kind == .text {
            guard let variable = column.variable else { continue }
            // The stored JSON is at least as long as the text it holds.
            let stored = try widest("""
                SELECT MAX(LENGTH(CAST(n.value AS BLOB))) FROM answer n JOIN attempt a ON a.id = n.attempt_id
                WHERE a.instrument_id = ? AND n.variable = ?
                """, [self.stored.id, variable.name])
            widths[column.name] = max(stored, missingWidth)
        }
        return widths
    }
}
