import Foundation

/// Export speed (issue 12): `kiosk export --only responses` of 1,000 participants x 300 variables
/// to wide CSV and to .sav, each timed as a whole command, beside the sqlite3 shell dumping the same
/// answers as CSV; and the whole export (every file) for comparison.
struct ExportMeasurement {
    static let participants = 1000

    var kiosk: String
    var workspace: Workspace
    /// Runs of each command; the fastest counts.
    var repetitions: Int

    func run() throws -> ExportResult {
        let directory = workspace.runs + "/export"
        let data = try ExportData(kiosk: kiosk, participants: Self.participants, in: directory)
        let values = data.participants * data.variables
        func kioskExport(_ format: String, only: String?) throws -> ExportResult.Timing {
            let out = directory + "/out-" + format + (only.map { "-" + $0 } ?? "-all")
            let limit = only.map { ["--only", $0] } ?? []
            return try timing((["kiosk export --format", format] + limit).joined(separator: " "), values: values, rows: data.participants) {
                // Each run writes into an empty folder.
                if FileManager.default.fileExists(atPath: out) { try FileManager.default.removeItem(atPath: out) }
                return try Command.timed(kiosk, ["export", "--data", data.folder, "--out", out, "--format", format] + limit,
                                         outputPath: out + ".log")
            }
        }
        let csv = try kioskExport("csv", only: "responses")
        let sav = try kioskExport("sav", only: "responses")
        let whole = try kioskExport("csv", only: nil)
        let query = "SELECT * FROM answer"
        let sqlite = try timing("sqlite3 -csv \"\(query)\"", values: values, rows: values) {
            try Command.timed("/usr/bin/sqlite3", ["-csv", data.database, query], outputPath: directory + "/sqlite3-answers.csv")
        }
        return ExportResult(
            participants: data.participants, variables: data.variables, values: values,
            kioskCSV: csv, kioskSAV: sav, kioskWhole: whole, sqliteCSV: sqlite,
            csvToSQLite: csv.valuesPerSecond / sqlite.valuesPerSecond,
            savToSQLite: sav.valuesPerSecond / sqlite.valuesPerSecond)
    }

    /// Runs `command` (which returns its seconds) `repetitions` times; rates from the fastest run.
    private func timing(_ name: String, values: Int, rows: Int, _ command: () throws -> Double) throws -> ExportResult.Timing {
        let seconds = try (0..<repetitions).map { _ in try command() }
        let best = seconds.min()!
        return ExportResult.Timing(
            command: name, seconds: seconds, bestSeconds: best, rows: rows,
            valuesPerSecond: Double(values) / best, rowsPerSecond: Double(rows) / best)
    }
}

/// What the export measurement found, as the JSON report holds it.
struct ExportResult: Codable {
    struct Timing: Codable {
        var command: String
        /// Wall-clock seconds of each run, start to exit.
        var seconds: [Double]
        var bestSeconds: Double
        /// Rows written: the kiosk's wide rows (one per participant), the shell's answer rows.
        var rows: Int
        var valuesPerSecond: Double
        var rowsPerSecond: Double
    }

    var participants: Int
    var variables: Int
    var values: Int
    /// The wide files alone (`--only responses`), what the target is about.
    var kioskCSV: Timing
    var kioskSAV: Timing
    /// Every file: besides the wide CSV, the event log (a line per answer event), the codebook,
    /// the paradata and the reports.
    var kioskWhole: Timing
    var sqliteCSV: Timing
    /// The kiosk's values per second over the sqlite3 shell's.
    var csvToSQLite: Double
    var savToSQLite: Double
}
