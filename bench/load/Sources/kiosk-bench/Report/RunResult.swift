import Foundation
import Histogram

/// Latency percentiles in milliseconds.
struct LatencySummary: Codable {
    var count: Int
    var p50: Double
    var p99: Double
    var p999: Double
    var max: Double

    init(_ histogram: Histogram<UInt64>) {
        count = Int(histogram.totalCount)
        p50 = Double(histogram.valueAtPercentile(50)) / 1000
        p99 = Double(histogram.valueAtPercentile(99)) / 1000
        p999 = Double(histogram.valueAtPercentile(99.9)) / 1000
        max = Double(histogram.max) / 1000
    }
}

/// One server under one load.
struct RunResult: Codable {
    var server: String
    var load: String
    var participants: Int
    var measuredSeconds: Double
    var requestsPerSecond: Double
    var latencyMs: LatencySummary
    /// Non-2xx answers and failed connections, over the whole run (setup, saves, submission).
    var errors: Int
    var errorKinds: [String: Int]
    /// Connections the server closed after a response (gunicorn's sync workers close every one).
    var reconnects: Int
    var failedParticipants: Int
    /// The kiosk: logging in and fetching the attempt before the saves, and submitting after.
    var setupSeconds: Double?
    var loginLatencyMs: LatencySummary?
    var attemptLatencyMs: LatencySummary?
    var submitLatencyMs: LatencySummary?
    var serverCPUMicrosecondsPerAnswer: Double?
    var serverCPUCores: Double
    var generatorCPUCores: Double
    /// fsync + fdatasync calls while measuring (perf), and answers stored per call.
    var syncCalls: Int?
    var answersPerSync: Double?
    /// Answers per commit as the server counted them, over the whole run (the durable ceiling).
    var answersPerCommit: Double?
    var idleRSSMB: Double
    var peakRSSMB: Double
    var exitStatus: Int32
    var verification: Verification?
}
