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
    /// What each column's cell is made from, by column.
    private let recipes: [CellRecipe]

    /// A column reduced to what its cells need, so that a row copies no column.
    private enum CellRecipe {
        /// One of the columns that identify the row (never a variable's).
        case fixed(WideColumn.Source)
        /// The variable at `variable` in the classifier's order; for a multiple-choice option
        /// column, the option's code.
        case answer(variable: Int, option: Int?, isText: Bool, missingCodes: [MissingReason: Int])
    }

    init(stored: StoredInstrument, site: SiteConfiguration, options: ExportOptions) {
        self.stored = stored
        self.site = site
        layout = WideLayout(instrument: stored.instrument, missingCodes: options.missingCodes)
        time = ExportTime(timeZone: site.timeZone)
        let positions = layout.classifier.positions
        recipes = layout.columns.map { column in
            switch column.source {
            case .variable(let variable):
                .answer(variable: positions[variable.name]!, option: nil, isText: column.kind == .text, missingCodes: column.missingCodes)
            case .option(let variable, let code):
                .answer(variable: positions[variable.name]!, option: code, isText: false, missingCodes: column.missingCodes)
            default: .fixed(column.source)
            }
        }
    }

    /// The row's cells, column by column.
    func cells(for record: ResponseRecord) -> [WideCell] {
        let outcomes = layout.classifier.outcomes(answers: record.answers, progress: record.progress)
        return recipes.map { recipe in
            switch recipe {
            case .fixed(let source): fixedCell(source, record)
            case .answer(let variable, let option, let isText, let missingCodes):
                cell(outcomes[variable], option: option, isText: isText, missingCodes: missingCodes)
            }
        }
    }

    private func fixedCell(_ source: WideColumn.Source, _ record: ResponseRecord) -> WideCell {
        switch source {
        case .participantID: .text(record.participant.id)
        case .school: .text(record.participant.school ?? site.site.name.zhCN)
        case .grade: record.participant.grade.map { .number(Double($0)) } ?? .empty
        case .className: .text(record.participant.className ?? "")
        case .session: .text(record.sessionID)
        case .instrumentID: .text(stored.id)
        case .instrumentVersion: .text(stored.version)
        case .instrumentHash: .text(stored.hash)
        case .startedAt: .text(time.text(record.startedAt))
        case .endedAt: .text(time.text(record.endedAt))
        case .status: .text(record.status.rawValue)
        case .variable, .option: preconditionFailure("answer columns have recipes of their own")
        }
    }

    private func cell(_ outcome: VariableOutcome, option: Int?, isText: Bool, missingCodes: [MissingReason: Int]) -> WideCell {
        switch outcome {
        case .missing(let reason):
            let code = missingCodes[reason] ?? 0
            return isText ? .text(String(code)) : .number(Double(code))
        case .answered(let value):
            switch (option, value) {
            case (let code?, .codes(let codes)): return .number(codes.contains(code) ? 1 : 0)
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
        try reader.forEachRecord(of: stored.id, answers: PositionedAnswers(variables: layout.classifier.variables)) { record in
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
        // The stored JSON is at least as long as the text it holds: one pass over the text answers.
        let textColumns = layout.columns.compactMap { column in
            column.kind == .text ? column.variable.map { (column: column.name, variable: $0.name) } : nil
        }
        var storedWidths: [String: Int] = [:]
        if !textColumns.isEmpty {
            let placeholders = Array(repeating: "?", count: textColumns.count).joined(separator: ",")
            let rows = try Row.fetchCursor(db, sql: """
                SELECT n.variable, MAX(LENGTH(CAST(n.value AS BLOB))) FROM answer n JOIN attempt a ON a.id = n.attempt_id
                WHERE a.instrument_id = ? AND n.variable IN (\(placeholders)) GROUP BY n.variable
                """, arguments: StatementArguments([stored.id] + textColumns.map(\.variable)))
            while let row = try rows.next() { storedWidths[row[0]] = row[1] }
        }
        for text in textColumns {
            widths[text.column] = max(storedWidths[text.variable] ?? 0, missingWidth)
        }
        return widths
    }
}
