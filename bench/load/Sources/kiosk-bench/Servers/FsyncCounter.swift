import Foundation

/// Counts a server's fsync and fdatasync calls over a window with `perf stat` on the syscall
/// tracepoints, from outside the server: with `synchronous = FULL` in WAL mode each commit
/// syncs the log once (checkpoints add a few), so rows per sync is a floor for rows per commit.
/// Nil where perf or its tracepoints are not available.
final class FsyncCounter {
    private let process = Process()
    private let output = Pipe()

    /// Starts counting the calls of `pids` (each with all its threads); nil if perf cannot.
    init?(pids: [Int32]) {
        guard let perf = Self.perfPath else { return nil }
        process.executableURL = URL(fileURLWithPath: perf)
        process.arguments = ["stat", "-x", ",", "-e", "syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync",
                             "-p", pids.map(String.init).joined(separator: ",")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = output
        do { try process.run() } catch { return nil }
        // perf needs a moment to attach before the window it counts begins.
        Thread.sleep(forTimeInterval: 0.2)
    }

    /// Stops counting; the number of sync calls, or nil if perf failed.
    func stop() -> Int? {
        guard process.isRunning else { return nil }
        kill(process.processIdentifier, SIGINT)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let counts = text.split(separator: "\n").compactMap { line -> Int? in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count > 2, fields[2].hasPrefix("syscalls:") else { return nil }
            return Int(fields[0])
        }
        return counts.count == 2 ? counts.reduce(0, +) : nil
    }

    private static let perfPath: String? = {
        let path = "/usr/bin/perf"
        guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: path)
        probe.arguments = ["stat", "-x", ",", "-e", "syscalls:sys_enter_fdatasync", "true"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? path : nil
    }()
}
