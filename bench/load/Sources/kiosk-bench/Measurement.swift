import Foundation

/// Runs one server under one load and measures it: throughput and latency from the generator,
/// CPU and memory from /proc, syncs from perf, and afterwards what is on disk.
struct Measurement {
    var workspace: Workspace
    var answers: AnswerPlan
    var timing: RunTiming
    var generatorThreads: Int

    /// Runs the load; `observer` (a profiler) is attached to the server over the measured window.
    func run(_ contender: Contender, under load: LoadPlan, observer: WindowObserver? = nil) throws -> RunResult {
        let directory = workspace.runs + "/" + "\(contender.name)-\(load.name)".filter { $0.isLetter || $0.isNumber || $0 == "-" }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let port = try ServerProcess.freePort()
        let server = try contender.launch(directory, port, load.participants)
        var stopped = false
        defer { if !stopped { _ = try? server.stop() } }
        try server.waitUntilServing()
        Thread.sleep(forTimeInterval: 0.5)
        let idle = ProcessMetrics.read(tree: server.pid)

        let generator = LoadGenerator(port: port, answers: answers, threads: generatorThreads, timing: timing)
        var atStart = idle
        var atEnd = idle
        var syncs: FsyncCounter?
        var syncCalls: Int?
        let outcome = try generator.run(load, participants: try contender.participants(load.participants)) {
            syncs = FsyncCounter(pids: [server.pid] + ProcessMetrics.descendants(of: server.pid))
            observer?.windowOpened(serverPID: server.pid)
            atStart = ProcessMetrics.read(tree: server.pid)
        } windowClosed: {
            atEnd = ProcessMetrics.read(tree: server.pid)
            observer?.windowClosed()
            syncCalls = syncs?.stop()
        }
        let peak = ProcessMetrics.read(tree: server.pid)
        let exitStatus = try server.stop()
        stopped = true

        let tally = outcome.tally
        let answersMeasured = Double(tally.measuredSaves)
        let serverCPU = atEnd.cpuSeconds - atStart.cpuSeconds
        var verification: Verification?
        if let storage = contender.storage {
            let stored = try Verification.read(database: storage.database(directory), keyColumn: storage.keyColumn)
            verification = Verification(acknowledged: outcome.acknowledged, stored: stored, plan: answers,
                                        countSubmitted: contender.submits)
        }
        return RunResult(
            server: contender.name, load: load.name, participants: load.participants,
            measuredSeconds: outcome.measuredSeconds, requestsPerSecond: outcome.savesPerSecond,
            latencyMs: LatencySummary(tally.saveLatency),
            errors: tally.errors.values.reduce(0, +), errorKinds: tally.errors,
            reconnects: tally.reconnects, failedParticipants: tally.failedParticipants,
            setupSeconds: contender.submits ? outcome.setupSeconds : nil,
            loginLatencyMs: contender.submits ? LatencySummary(tally.loginLatency) : nil,
            attemptLatencyMs: contender.submits ? LatencySummary(tally.fetchLatency) : nil,
            submitLatencyMs: contender.submits ? LatencySummary(tally.submitLatency) : nil,
            serverCPUMicrosecondsPerAnswer: answersMeasured > 0 ? serverCPU * 1e6 / answersMeasured : nil,
            serverCPUCores: serverCPU / outcome.measuredSeconds,
            generatorCPUCores: outcome.generatorCPUSeconds / outcome.measuredSeconds,
            syncCalls: syncCalls,
            answersPerSync: syncCalls.flatMap { $0 > 0 ? answersMeasured / Double($0) : nil },
            answersPerCommit: contender.reportsCommits ? Self.answersPerCommit(logPath: server.logPath) : nil,
            idleRSSMB: Double(idle.residentBytes) / 1_048_576, peakRSSMB: Double(peak.peakResidentBytes) / 1_048_576,
            exitStatus: exitStatus, verification: verification)
    }

    /// The durable ceiling's last words: {"commits":N,"rows":M}.
    private static func answersPerCommit(logPath: String) -> Double? {
        guard let log = try? String(contentsOfFile: logPath, encoding: .utf8),
              let line = log.split(separator: "\n").last(where: { $0.hasPrefix("{\"commits\"") }),
              let counts = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Int],
              let commits = counts["commits"], let rows = counts["rows"], commits > 0 else { return nil }
        return Double(rows) / Double(commits)
    }
}

/// Something attached to the server over the measured window only: a profiler.
protocol WindowObserver: AnyObject {
    func windowOpened(serverPID: Int32)
    func windowClosed()
}
