import ArgumentParser
import Foundation

@main
struct KioskBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-bench",
        abstract: "Measure the kiosk beside the machine's ceilings and a peer, in one run.",
        subcommands: [Run.self, Export.self, Profile.self],
        defaultSubcommand: Run.self)
}

/// What every subcommand needs: the kiosk to measure and the repository's bench/ folder.
struct BenchOptions: ParsableArguments {
    @Option(help: "The kiosk executable, built in release mode.")
    var kiosk: String

    @Option(help: "The repository; bench/ in it holds the ceilings, the peer and the results.")
    var repository: String = "."

    static let participantsOnRoster = 600
    static let generatorThreads = 2

    var workspace: Workspace {
        Workspace(repository: URL(fileURLWithPath: repository).standardizedFileURL.path)
    }

    /// A fresh runs folder with the bench bundle written and loaded into a kiosk data folder.
    func prepareKioskData() throws -> (AnswerPlan, KioskData) {
        try workspace.clearRuns()
        progress("loading the bench bundle into a kiosk data folder and issuing \(Self.participantsOnRoster) access codes")
        let bundle = workspace.runs + "/bundle"
        let answers = try BenchBundle(participants: Self.participantsOnRoster).write(to: bundle)
        return (answers, try KioskData(kiosk: kiosk, bundle: bundle, template: workspace.runs + "/kiosk-template"))
    }
}

extension KioskBench {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every load against the kiosk, the ceilings and the peer (the default).",
            discussion: """
                Plays participants against `kiosk serve` (log in, fetch the attempt, autosave, submit) under a
                lab load, a stress load and saturation; runs the same saves against C ceilings built here
                (libmicrohttpd alone; libmicrohttpd with a group-commit SQLite writer; SQLite's single-row
                commit rate) and against a Flask peer; checks that every acknowledged answer is on disk.
                Then times `kiosk export` of 1,000 participants x 300 variables to CSV and to .sav beside
                `sqlite3 -csv` dumping the same answers. Prints a table and writes a JSON report. Run it
                through `./kiosk bench`, which builds the kiosk first.
                """)

        @OptionGroup var options: BenchOptions

        @Flag(help: "A few seconds of each load: proves the bench works (CI runs this); its figures mean little.")
        var quick = false

        @Option(help: "Where to write the JSON report (default: bench/results/latest.json).")
        var output: String?

        @Option(name: .customLong("load"), help: ArgumentHelp(
            "Only this load (lab, stress, saturation-16, saturation-64; repeat for more), without the export: a quick comparison while profiling.",
            valueName: "load"))
        var onlyLoads: [String] = []

        func validate() throws {
            let names = LoadPlan.all.map(\.name)
            if let unknown = onlyLoads.first(where: { !names.contains($0) }) {
                throw ValidationError("--load \(unknown): the loads are \(names.joined(separator: ", "))")
            }
        }

        func run() throws {
            let workspace = options.workspace
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let timing = quick ? RunTiming(warmup: 1, measured: 3) : RunTiming(warmup: 3, measured: 25)

            progress("compiling the C ceilings in bench/.build-ceilings")
            let programs = try CeilingPrograms(compilingIn: workspace)
            progress("preparing the peer's Flask and gunicorn in bench/.venv-peer")
            let peerEnvironment = try PeerEnvironment(installingIn: workspace)
            let (answers, kioskData) = try options.prepareKioskData()

            let kioskServer = Contender.kiosk(executable: options.kiosk, data: kioskData, threads: cores)
            let durable = Contender.durableCeiling(programs, threads: cores)
            let http = Contender.httpCeiling(programs, threads: cores)
            let peer = Contender.peer(peerEnvironment, workspace: workspace, cores: cores)
            let schedule: [(LoadPlan, [Contender])] = [
                (.lab, [kioskServer, peer]),
                (.stress, [kioskServer, peer]),
                (.saturation(16), [kioskServer, durable, http, peer]),
                (.saturation(64), [kioskServer, durable, http, peer]),
            ].filter { onlyLoads.isEmpty || onlyLoads.contains($0.0.name) }

            var report = try BenchReport(
                date: ISO8601DateFormatter().string(from: Date()), mode: quick ? "quick" : "full",
                warmupSeconds: timing.warmup, measuredSeconds: timing.measured,
                machine: Self.machine(), kiosk: Self.kioskBuild(repository: workspace.repository))
            let measurement = Measurement(workspace: workspace, answers: answers, timing: timing, generatorThreads: BenchOptions.generatorThreads)
            var failures: [String] = []
            for (load, contenders) in schedule {
                for contender in contenders {
                    progress("\(contender.name) · \(load.name): \(load.description)")
                    do {
                        let result = try measurement.run(contender, under: load)
                        report.runs.append(result)
                        progress(String(format: "   %.0f req/s, p99 %.2f ms, %d errors", result.requestsPerSecond, result.latencyMs.p99, result.errors))
                    } catch {
                        failures.append("\(contender.name) · \(load.name): \(error)")
                        progress("   failed: \(error)")
                    }
                }
            }
            progress("SQLite's single-row durable commit rate")
            report.commitRate = try Self.commitRate(programs, workspace: workspace, seconds: quick ? 2 : 10)
            report.exportSkipped = !onlyLoads.isEmpty
            if onlyLoads.isEmpty {
                progress("export: \(ExportMeasurement.participants) participants' answers to wide CSV and .sav, beside sqlite3 -csv")
                do {
                    let export = try ExportMeasurement(kiosk: options.kiosk, workspace: workspace, repetitions: quick ? 1 : 3).run()
                    report.export = export
                    progress(String(format: "   CSV %.0f values/s, .sav %.0f values/s, sqlite3 %.0f values/s",
                                    export.kioskCSV.valuesPerSecond, export.kioskSAV.valuesPerSecond, export.sqliteCSV.valuesPerSecond))
                } catch {
                    failures.append("export: \(error)")
                    progress("   failed: \(error)")
                }
            }
            report.addRatios(loads: ["saturation-16", "saturation-64"], against: [
                (durable.name, "durable ceiling"), (http.name, "HTTP ceiling"), (peer.name, "peer"),
            ])
            report.checkTargets()

            print(report.table)
            let path = output ?? workspace.results + "/latest.json"
            try report.writeJSON(to: path)
            progress("report written to \(path)")
            let lost = report.runs.compactMap(\.verification).reduce(0) { $0 + $1.lost }
            if !failures.isEmpty || lost > 0 {
                for failure in failures { progress("failed: \(failure)") }
                if lost > 0 { progress("\(lost) acknowledged answers are not on disk") }
                throw ExitCode.failure
            }
        }

        private static func commitRate(_ programs: CeilingPrograms, workspace: Workspace, seconds: Int) throws -> BenchReport.CommitRate {
            let directory = workspace.runs + "/commit-rate"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let output = try Command.run(programs.commitRate, ["--database", directory + "/commit.sqlite", "--seconds", String(seconds)])
            return try JSONDecoder().decode(BenchReport.CommitRate.self, from: Data(output.utf8))
        }

        private static func machine() -> BenchReport.Machine {
            let cpuInfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
            let processor = cpuInfo.split(separator: "\n").first { $0.hasPrefix("model name") }
                .map { $0.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces) } ?? "unknown"
            var system = utsname()
            uname(&system)
            let kernel = withUnsafeBytes(of: system.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            return BenchReport.Machine(
                cores: ProcessInfo.processInfo.activeProcessorCount,
                memoryGiB: Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824,
                processor: processor, kernel: kernel)
        }

        /// The commit the kiosk was built from, and how many files differed from it (read-only git).
        private static func kioskBuild(repository: String) throws -> BenchReport.KioskBuild {
            let git = ["git", "--no-optional-locks", "-C", repository]
            let commit = (try? Command.run("/usr/bin/env", git + ["rev-parse", "--short", "HEAD"]))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
            let changes = (try? Command.run("/usr/bin/env", git + ["status", "--porcelain"]))?
                .split(separator: "\n").count ?? 0
            return BenchReport.KioskBuild(commit: commit, uncommittedChanges: changes)
        }
    }
}
