import Foundation

/// Everything one `./kiosk bench` measured, as bench/results/latest.json holds it.
struct BenchReport: Codable {
    struct Machine: Codable {
        var cores: Int
        var memoryGiB: Double
        var processor: String
        var kernel: String
    }

    struct KioskBuild: Codable {
        var commit: String
        /// Files changed since that commit when the bench ran (the build included them).
        var uncommittedChanges: Int
    }

    struct CommitRate: Codable {
        var commits: Int
        var seconds: Double
        var commitsPerSecond: Double
        var meanMicroseconds: Double
    }

    struct Ratio: Codable {
        var load: String
        var comparison: String
        var value: Double?
    }

    struct Target: Codable {
        var target: String
        var measured: String
        /// Nil when it was not measured.
        var met: Bool?
    }

    var date: String
    var mode: String
    var warmupSeconds: Double
    var measuredSeconds: Double
    var machine: Machine
    var kiosk: KioskBuild
    var runs: [RunResult] = []
    var commitRate: CommitRate?
    var ratios: [Ratio] = []
    var targets: [Target] = []
    var export: ExportResult?
    /// Whether the export was left out on purpose (`--load`), rather than failed.
    var exportSkipped = false

    func run(_ server: String, _ load: String) -> RunResult? {
        runs.first { $0.server == server && $0.load == load }
    }

    /// The kiosk's requests per second over another server's, under the same load.
    mutating func addRatios(loads: [String], against others: [(name: String, label: String)]) {
        for load in loads {
            for other in others {
                let value = run("kiosk", load).flatMap { kiosk in
                    run(other.name, load).map { kiosk.requestsPerSecond / $0.requestsPerSecond }
                }
                ratios.append(Ratio(load: load, comparison: "kiosk / \(other.label)", value: value))
            }
        }
    }

    /// Issue 12's targets for this machine, checked against this run.
    mutating func checkTargets() {
        func target(_ text: String, _ measured: String?, _ met: Bool?) {
            targets.append(Target(target: text, measured: measured ?? "not measured", met: measured == nil ? nil : met))
        }
        let durable = ratios.first { $0.load == "saturation-64" && $0.comparison == "kiosk / durable ceiling" }?.value
        target("saturation-64: kiosk >= 0.85 x durable ceiling", durable.map { String(format: "%.2f x", $0) }, durable.map { $0 >= 0.85 })
        let lab = run("kiosk", "lab")
        target("lab: p99 < 5 ms", lab.map { String(format: "%.2f ms", $0.latencyMs.p99) }, lab.map { $0.latencyMs.p99 < 5 })
        let stress = run("kiosk", "stress")
        target("stress: p99 < 25 ms, no errors",
               stress.map { String(format: "%.2f ms, %d errors", $0.latencyMs.p99, $0.errors) },
               stress.map { $0.latencyMs.p99 < 25 && $0.errors == 0 })
        let peer = ratios.first { $0.load == "saturation-64" && $0.comparison == "kiosk / peer" }?.value
        target("saturation-64: kiosk >= 15 x peer", peer.map { String(format: "%.1f x", $0) }, peer.map { $0 >= 15 })
        let kioskRuns = runs.filter { $0.server == "kiosk" }
        let idle = kioskRuns.map(\.idleRSSMB).max()
        target("idle RSS < 32 MB", idle.map { String(format: "%.1f MB", $0) }, idle.map { $0 < 32 })
        let errors = kioskRuns.reduce(0) { $0 + $1.errors }
        target("kiosk: no errors under any load", kioskRuns.isEmpty ? nil : "\(errors) errors", errors == 0)
        let lost = kioskRuns.compactMap(\.verification).reduce(0) { $0 + $1.lost }
        target("every acknowledged answer on disk", kioskRuns.isEmpty ? nil : "\(lost) lost", lost == 0)
        let exportRates = export.map { [$0.kioskCSV.valuesPerSecond, $0.kioskSAV.valuesPerSecond] }
        target("export >= 1 million values/s (CSV and .sav)",
               exportRates.map { String(format: "CSV %.0f/s, .sav %.0f/s", $0[0], $0[1]) },
               exportRates.map { $0.min()! >= 1_000_000 })
    }
}

extension Encodable {
    /// Writes the value as pretty, sorted JSON, creating the folder if needed.
    func writeJSON(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }
}
