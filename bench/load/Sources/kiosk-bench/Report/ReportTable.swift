import Foundation

/// The report as the terminal shows it.
extension BenchReport {
    var table: String {
        var lines: [String] = []
        lines.append("kiosk bench · \(mode) · \(date) · \(machine.cores) cores (\(machine.processor)), "
            + String(format: "%.1f GiB", machine.memoryGiB) + ", Linux \(machine.kernel)"
            + " · kiosk \(kiosk.commit)" + (kiosk.uncommittedChanges > 0 ? " + \(kiosk.uncommittedChanges) changed files" : ""))
        lines.append(String(format: "each load: %.1f s warm-up, %.1f s measured; latency of PUT /api/v1/attempt/answers in ms",
                            warmupSeconds, measuredSeconds))
        lines.append("")
        let columns: [(String, Int)] = [
            ("load", -14), ("server", -20), ("req/s", 9), ("p50", 7), ("p99", 7), ("p99.9", 7), ("errors", 7),
            ("CPU µs/ans", 11), ("ans/sync", 9), ("ans/commit", 11), ("idle MB", 8), ("peak MB", 8), ("lost", 6),
        ]
        lines.append(Self.row(columns.map { ($0.0, $0.1) }))
        var previousLoad = ""
        for run in runs {
            if run.load != previousLoad, !previousLoad.isEmpty { lines.append("") }
            previousLoad = run.load
            let cells: [String] = [
                run.load, run.server, String(format: "%.0f", run.requestsPerSecond),
                Self.milliseconds(run.latencyMs.p50), Self.milliseconds(run.latencyMs.p99), Self.milliseconds(run.latencyMs.p999),
                String(run.errors), Self.optional(run.serverCPUMicrosecondsPerAnswer, "%.0f"),
                Self.optional(run.answersPerSync, "%.1f"), Self.optional(run.answersPerCommit, "%.1f"),
                String(format: "%.1f", run.idleRSSMB), String(format: "%.1f", run.peakRSSMB),
                run.verification.map { String($0.lost) } ?? "-",
            ]
            lines.append(Self.row(zip(cells, columns.map(\.1)).map { ($0, $1) }))
        }
        lines.append("")
        lines.append("ratios of requests/s in this run:")
        for ratio in ratios {
            lines.append("  \(ratio.load.padding(toLength: 15, withPad: " ", startingAt: 0))"
                + "\(ratio.comparison.padding(toLength: 26, withPad: " ", startingAt: 0))"
                + (ratio.value.map { String(format: "%.2f", $0) } ?? "-"))
        }
        if let commitRate {
            lines.append(String(format: "SQLite single-row durable commits (WAL, synchronous=FULL): %.0f/s, %.1f µs each",
                                commitRate.commitsPerSecond, commitRate.meanMicroseconds))
        }
        let kioskRuns = runs.filter { $0.setupSeconds != nil }
        for run in kioskRuns {
            guard let setup = run.setupSeconds, let login = run.loginLatencyMs, let attempt = run.attemptLatencyMs,
                  let submit = run.submitLatencyMs else { continue }
            lines.append(String(format: "kiosk %@: %d logins + first attempt in %.1f s (login p50 %.0f ms, p99 %.0f ms; attempt p99 %.1f ms); %d submitted (p99 %.1f ms)",
                                run.load, login.count, setup, login.p50, login.p99, attempt.p99, submit.count, submit.p99))
        }
        if let busiest = runs.max(by: { $0.generatorCPUCores < $1.generatorCPUCores }) {
            lines.append(String(format: "load generator: at most %.2f cores (%@ %@)", busiest.generatorCPUCores, busiest.server, busiest.load))
        }
        let failed = runs.filter { $0.errors > 0 || ($0.verification?.lost ?? 0) > 0 || ($0.verification?.currentValueMismatches ?? 0) > 0 }
        for run in failed {
            let kinds = run.errorKinds.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            lines.append("  ! \(run.server) \(run.load): \(kinds.isEmpty ? "no errors" : kinds)"
                + (run.verification.map { "; \($0.lost) lost, \($0.currentValueMismatches) current-value mismatches" } ?? ""))
        }
        lines.append("")
        lines.append(contentsOf: export?.tableLines ?? [
            exportSkipped ? "export: not measured (--load runs only the loads it names)" : "export: not measured (it failed; see below)",
        ])
        lines.append("")
        lines.append("targets (issue 12):")
        for target in targets {
            let mark = target.met.map { $0 ? "met    " : "MISSED " } ?? "—      "
            lines.append("  \(mark)\(target.target.padding(toLength: 50, withPad: " ", startingAt: 0))\(target.measured)")
        }
        return lines.joined(separator: "\n")
    }

    /// Cells padded to their widths: negative widths align left.
    static func row(_ cells: [(String, Int)]) -> String {
        cells.map { text, width in
            let padding = String(repeating: " ", count: max(0, abs(width) - text.count))
            return width < 0 ? text + padding : padding + text
        }.joined(separator: " ")
    }

    private static func milliseconds(_ value: Double) -> String {
        String(format: value < 10 ? "%.2f" : "%.1f", value)
    }

    static func optional(_ value: Double?, _ format: String) -> String {
        value.map { String(format: format, $0) } ?? "-"
    }
}
