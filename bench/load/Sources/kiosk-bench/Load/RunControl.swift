import Glibc
import Synchronization

/// The phases of a load run, set by the coordinator and followed by every worker thread.
enum Phase: Int, Sendable {
    /// Connecting, and for the kiosk logging in and fetching the attempt.
    case setup
    /// Saving, not yet measured.
    case warmup
    /// Saving; latencies and completions count.
    case measuring
    /// No new saves; waiting for those in flight.
    case draining
    /// Submitting (the kiosk) and closing.
    case finishing
}

/// What the coordinator and the worker threads share while a load runs.
final class RunControl: Sendable {
    private let currentPhase = Atomic<Int>(Phase.setup.rawValue)
    /// Participants whose setup is over, ready or given up.
    let settledParticipants = Atomic<Int>(0)
    /// Workers with no save in flight since draining began.
    let drainedWorkers = Atomic<Int>(0)

    var phase: Phase {
        Phase(rawValue: currentPhase.load(ordering: .acquiring))!
    }

    func enter(_ phase: Phase) {
        currentPhase.store(phase.rawValue, ordering: .releasing)
    }
}

/// A monotonic clock in nanoseconds.
func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}
