import ArgumentParser
import Foundation

extension KioskBench {
    struct Profile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Profile the kiosk under one load, over the measured window only.",
            discussion: """
                perf samples the running kiosk (cpu-clock, call graphs) while the load is measured.
                callgrind runs the kiosk under valgrind with instrumentation switched on for the measured
                window only (`callgrind_control`), so the instruction counts leave out start-up and the
                logins' scrypt; it counts instructions, not time, and is steady on a busy machine, but
                the kiosk runs about fifty times slower. Reports go to bench/results/profile-TOOL.txt.
                """)

        enum Tool: String, ExpressibleByArgument, CaseIterable {
            case perf
            case callgrind
        }

        @OptionGroup var options: BenchOptions

        @Option(help: "perf or callgrind.")
        var tool: Tool = .perf

        @Option(help: "lab, stress, saturation-16 or saturation-64.")
        var load = "saturation-16"

        @Option(help: "Seconds measured (and profiled).")
        var seconds: Double = 10

        func run() throws {
            guard let plan = LoadPlan.all.first(where: { $0.name == load }) else {
                throw ValidationError("--load is one of: \(LoadPlan.all.map(\.name).joined(separator: ", "))")
            }
            let workspace = options.workspace
            let (answers, kioskData) = try options.prepareKioskData()
            let profileData = workspace.runs + "/profile.\(tool.rawValue)"
            let profiler: WindowProfiler = tool == .perf ? PerfProfiler(output: profileData) : CallgrindProfiler()
            // valgrind 3.19 cannot read the DWARF 5 that Swift 6.3 writes: it gets a copy without
            // debug information (the symbols stay, and the copy still finds web/ above it).
            var executable = options.kiosk
            if tool == .callgrind {
                executable = workspace.runs + "/kiosk-without-debug-info"
                try Command.run("/usr/bin/objcopy", ["--strip-debug", options.kiosk, executable])
            }
            let contender = Contender.kiosk(
                executable: executable, data: kioskData, threads: ProcessInfo.processInfo.activeProcessorCount,
                wrapper: tool == .callgrind
                    ? ["/usr/bin/valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=\(profileData)"]
                    : [])
            // Under valgrind every step is slow: allow for it, and warm up for longer.
            let timing = RunTiming(warmup: tool == .callgrind ? 5 : 2, measured: seconds, setupLimit: 1800, drainLimit: 300)
            let measurement = Measurement(workspace: workspace, answers: answers, timing: timing,
                                          generatorThreads: BenchOptions.generatorThreads)
            progress("kiosk under \(tool.rawValue) · \(plan.name): \(plan.description)")
            let result = try measurement.run(contender, under: plan, observer: profiler)
            let summary = Self.readable(try profiler.report(data: profileData))
            let path = workspace.results + "/profile-\(tool.rawValue).txt"
            try FileManager.default.createDirectory(atPath: workspace.results, withIntermediateDirectories: true)
            var header = String(format: "kiosk under %@, %@: %d saves in %.1f s (%.0f/s), p99 %.2f ms, %.0f µs CPU per save\n",
                                tool.rawValue, plan.name, result.latencyMs.count, result.measuredSeconds, result.requestsPerSecond,
                                result.latencyMs.p99, result.serverCPUMicrosecondsPerAnswer ?? 0)
            if let instructions = CallgrindProfiler.totalInstructions(in: summary), result.latencyMs.count > 0 {
                header += "instructions per save: \(instructions / result.latencyMs.count)\n"
            }
            try Data((header + summary).utf8).write(to: URL(fileURLWithPath: path))
            print(header + summary.split(separator: "\n", omittingEmptySubsequences: false).prefix(80).joined(separator: "\n"))
            progress("profile written to \(path) (raw data: \(profileData))")
        }
    }
}

extension KioskBench.Profile {
    /// Swift symbols demangled (simplified), lines cut to a readable width.
    static func readable(_ report: String) -> String {
        var text = report
        if let demangler = Command.find("swift-demangle"),
           let demangled = try? Command.run(demangler, ["--simplified", "--compact"], input: report) {
            text = demangled
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.prefix(220).reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n")
    }
}

/// A profiler attached over the measured window, that then summarises what it saw.
protocol WindowProfiler: WindowObserver {
    func report(data: String) throws -> String
}

/// `perf record` attached to the kiosk while the load is measured.
final class PerfProfiler: WindowProfiler {
    private let output: String
    private var recorder: Process?

    init(output: String) {
        self.output = output
    }

    func windowOpened(serverPID: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/perf")
        process.arguments = ["record", "-e", "cpu-clock", "-F", "1999", "-g", "-p", String(serverPID), "-o", output]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
        recorder = process
        Thread.sleep(forTimeInterval: 0.3)
    }

    func windowClosed() {
        guard let recorder, recorder.isRunning else { return }
        kill(recorder.processIdentifier, SIGINT)
        recorder.waitUntilExit()
    }

    /// Where the time went: by function itself, then with what it calls.
    func report(data: String) throws -> String {
        let common = ["report", "-i", data, "--stdio", "--sort", "symbol", "--percent-limit", "0.7"]
        let itself = try Command.run("/usr/bin/perf", common + ["--no-children", "-g", "none"])
        let inclusive = try Command.run("/usr/bin/perf", common + ["--children", "-g", "none"])
        return "== self ==\n" + itself + "\n== with callees ==\n" + inclusive
    }
}

/// callgrind instrumenting over the measured window only (the kiosk runs under valgrind).
final class CallgrindProfiler: WindowProfiler {
    private var pid: Int32 = 0

    func windowOpened(serverPID: Int32) {
        pid = serverPID
        control("--instr=on")
    }

    func windowClosed() {
        control("--instr=off")
    }

    private func control(_ command: String) {
        do {
            try Command.run("/usr/bin/callgrind_control", [command, String(pid)])
        } catch {
            progress("callgrind_control \(command) failed: \(error)")
        }
    }

    /// The PROGRAM TOTALS line of callgrind_annotate's report.
    static func totalInstructions(in report: String) -> Int? {
        guard let line = report.split(separator: "\n").first(where: { $0.hasSuffix("PROGRAM TOTALS") }),
              let number = line.split(separator: " ").first else { return nil }
        return Int(number.filter(\.isNumber))
    }

    /// Instructions by function itself, then with what it calls.
    func report(data: String) throws -> String {
        let itself = try Command.run("/usr/bin/callgrind_annotate", ["--inclusive=no", "--threshold=95", data])
        let inclusive = try Command.run("/usr/bin/callgrind_annotate", ["--inclusive=yes", "--threshold=99", data])
        return "== self ==\n" + itself + "\n== with callees ==\n" + inclusive
    }
}
