import ArgumentParser
import Foundation

extension KioskBench {
    /// `kiosk-bench export`: the export measurement alone, in seconds rather than the bench's minutes.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time only the export (1,000 participants x 300 variables to CSV and .sav, beside sqlite3 -csv).",
            discussion: """
                Builds the export's data folder in bench/.build-runs/export (replacing the one there) and times
                `kiosk export --format csv`, `--format sav` and `sqlite3 -csv` as whole commands, exactly as the
                full bench does. Prints the export's table and writes bench/results/export.json. The data folder
                stays for profiling the export by hand.
                """)

        @OptionGroup var options: BenchOptions

        @Option(help: "Runs of each command; the fastest counts.")
        var repetitions = 3

        @Option(help: "Where to write the JSON result (default: bench/results/export.json).")
        var output: String?

        func run() throws {
            let workspace = options.workspace
            let directory = workspace.runs + "/export"
            if FileManager.default.fileExists(atPath: directory) { try FileManager.default.removeItem(atPath: directory) }
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            progress("export: \(ExportMeasurement.participants) participants' answers to wide CSV and .sav, beside sqlite3 -csv")
            let result = try ExportMeasurement(kiosk: options.kiosk, workspace: workspace, repetitions: repetitions).run()
            print(result.tableLines.joined(separator: "\n"))
            let path = output ?? workspace.results + "/export.json"
            try result.writeJSON(to: path)
            progress("result written to \(path)")
        }
    }
}
