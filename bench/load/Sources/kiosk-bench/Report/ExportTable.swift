import Foundation

/// The export measurement as the terminal shows it: each command's fastest run, its rates, and
/// the kiosk over sqlite3.
extension ExportResult {
    var tableLines: [String] {
        let runs = kioskCSV.seconds.count
        var lines = ["export of \(participants) participants x \(variables) variables (\(values) values), "
            + "whole command, fastest of \(runs) run\(runs == 1 ? "" : "s"):"]
        let columns: [(String, Int)] = [("  command", -50), ("seconds", 8), ("values/s", 11), ("rows/s", 11), ("/ sqlite3", 10)]
        lines.append(BenchReport.row(columns))
        let timings = [(kioskCSV, csvToSQLite), (kioskSAV, savToSQLite), (sqliteCSV, nil),
                       (kioskWhole, kioskWhole.valuesPerSecond / sqliteCSV.valuesPerSecond)]
        for (timing, ratio) in timings {
            let cells = ["  " + timing.command, String(format: "%.3f", timing.bestSeconds), String(format: "%.0f", timing.valuesPerSecond),
                         String(format: "%.0f", timing.rowsPerSecond), BenchReport.optional(ratio, "%.2f")]
            lines.append(BenchReport.row(zip(cells, columns.map(\.1)).map { ($0, $1) }))
        }
        return lines
    }
}
