import Foundation

/// A load: how many participants and how they pace their saves.
struct LoadPlan: Sendable {
    var name: String
    var description: String
    var participants: Int
    var pacing: Pacing

    static let lab = LoadPlan(name: "lab", description: "60 participants, one save a second each",
                              participants: 60, pacing: .openLoop(interval: 1))
    static let stress = LoadPlan(name: "stress", description: "600 participants, one save a second each",
                                 participants: 600, pacing: .openLoop(interval: 1))
    static func saturation(_ connections: Int) -> LoadPlan {
        LoadPlan(name: "saturation-\(connections)", description: "\(connections) connections saving without pause",
                 participants: connections, pacing: .closedLoop)
    }
    /// Every load the bench knows, in the order a full run takes them.
    static let all: [LoadPlan] = [.lab, .stress, .saturation(16), .saturation(64)]
}

/// How long each phase of a run lasts, in seconds.
struct RunTiming: Sendable {
    var warmup: Double
    var measured: Double
    var setupLimit: Double = 300
    var drainLimit: Double = 60
}

/// What a run of a load gave.
struct LoadOutcome {
    var tally: WorkerTally
    var setupSeconds: Double
    var measuredSeconds: Double
    /// The highest acknowledged seq of each participant, by storage key.
    var acknowledged: [String: Int64]
    /// CPU the generator itself used while measuring, in seconds.
    var generatorCPUSeconds: Double

    var savesPerSecond: Double { Double(tally.measuredSaves) / measuredSeconds }
}

enum LoadGeneratorError: Error, CustomStringConvertible {
    case setupTimedOut(settled: Int, of: Int)
    case drainTimedOut

    var description: String {
        switch self {
        case .setupTimedOut(let settled, let total): "only \(settled) of \(total) participants were ready in time"
        case .drainTimedOut: "saves still in flight long after the load stopped"
        }
    }
}

/// Plays participants against a server from a few epoll threads, and measures.
struct LoadGenerator {
    var port: UInt16
    var answers: AnswerPlan
    var threads: Int
    var timing: RunTiming

    /// Runs the load. `windowOpened` and `windowClosed` are called at the edges of the measured
    /// window, for measurements of the server taken over exactly that time.
    func run(_ plan: LoadPlan, participants: [Participant],
             windowOpened: () -> Void, windowClosed: () -> Void) throws -> LoadOutcome {
        let control = RunControl()
        let workerCount = min(threads, participants.count)
        var shares = Array(repeating: [(participant: Participant, scheduleOffset: Double)](), count: workerCount)
        for (index, participant) in participants.enumerated() {
            // Round robin, each participant at its own point of the save interval.
            shares[index % workerCount].append((participant, Double(index) / Double(participants.count)))
        }
        let requests = Requests(port: port)
        let workers = shares.map {
            LoadWorker(control: control, participants: $0, requests: requests, plan: answers, pacing: plan.pacing, port: port)
        }
        let threads = WorkerThreads(workers)
        // Whatever happens, the workers are stopped and joined before returning.
        defer {
            control.enter(.finishing)
            threads.join()
        }

        let setupStart = Date()
        try waitFor(limit: timing.setupLimit) {
            control.settledParticipants.load(ordering: .acquiring) == participants.count
        } orThrow: {
            LoadGeneratorError.setupTimedOut(settled: control.settledParticipants.load(ordering: .acquiring), of: participants.count)
        }
        let setupSeconds = Date().timeIntervalSince(setupStart)

        control.enter(.warmup)
        Thread.sleep(forTimeInterval: timing.warmup)
        windowOpened()
        let cpuAtStart = Self.processCPUSeconds()
        let windowStart = monotonicNanoseconds()
        control.enter(.measuring)
        Thread.sleep(forTimeInterval: timing.measured)
        control.enter(.draining)
        let measuredSeconds = Double(monotonicNanoseconds() - windowStart) / 1e9
        let generatorCPUSeconds = Self.processCPUSeconds() - cpuAtStart
        windowClosed()
        try waitFor(limit: timing.drainLimit) {
            control.drainedWorkers.load(ordering: .acquiring) == workerCount
        } orThrow: {
            LoadGeneratorError.drainTimedOut
        }
        control.enter(.finishing)
        threads.join()

        var tally = WorkerTally()
        var acknowledged: [String: Int64] = [:]
        for worker in workers {
            tally.add(worker.tally)
            for (key, seq) in worker.acknowledged { acknowledged[key] = seq }
        }
        return LoadOutcome(tally: tally, setupSeconds: setupSeconds, measuredSeconds: measuredSeconds,
                           acknowledged: acknowledged, generatorCPUSeconds: generatorCPUSeconds)
    }

    private func waitFor(limit: Double, _ done: () -> Bool, orThrow failure: () -> Error) throws {
        let deadline = Date().addingTimeInterval(limit)
        while !done() {
            guard Date() < deadline else { throw failure() }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// User and system CPU of this process so far, in seconds.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}

/// The workers' threads, started at once and joined once.
private final class WorkerThreads {
    private let finished = DispatchSemaphore(value: 0)
    private var running: Int

    init(_ workers: [LoadWorker]) {
        running = workers.count
        for (index, worker) in workers.enumerated() {
            let finished = finished
            let thread = Thread {
                Thread.current.name = "load-\(index)"
                worker.run()
                finished.signal()
            }
            thread.start()
        }
    }

    func join() {
        while running > 0 {
            finished.wait()
            running -= 1
        }
    }
}
