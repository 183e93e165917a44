import Foundation

/// Runs a program to completion and returns its standard output; throws with its standard
/// error when it fails.
enum Command {
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // Standard error and input go through files, so that no pipe can fill up and block.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-bench-\(UUID().uuidString)").path
        let errorPath = scratch + ".stderr"
        let inputPath = scratch + ".stdin"
        defer {
            try? FileManager.default.removeItem(atPath: errorPath)
            try? FileManager.default.removeItem(atPath: inputPath)
        }
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        if let input {
            try Data(input.utf8).write(to: URL(fileURLWithPath: inputPath))
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inputPath))
        }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            throw BenchError.commandFailed(([executable] + arguments).joined(separator: " "),
                                           errors.isEmpty ? String(decoding: outputData, as: UTF8.self) : errors)
        }
        return String(decoding: outputData, as: UTF8.self)
    }

    /// Runs a program to completion with its standard output written to the file at `outputPath`;
    /// returns the wall-clock seconds from start to exit. Throws with its standard error when it fails.
    ///
    /// Spawned and waited for directly: Foundation's `Process.waitUntilExit` polls a run loop and
    /// rounded every export here up to 0.25 s.
    static func timed(_ executable: String, _ arguments: [String], outputPath: String) throws -> Double {
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-bench-\(UUID().uuidString).stderr").path
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let start = monotonicNanoseconds()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw BenchError.commandFailed(executable, String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let seconds = Double(monotonicNanoseconds() - start) / 1e9
        // A wait status of 0: exited normally with code 0.
        guard status == 0 else {
            throw BenchError.commandFailed(([executable] + arguments).joined(separator: " "),
                                           (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
        }
        return seconds
    }

    /// The path of a program on PATH, if there is one.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first(where: FileManager.default.isExecutableFile(atPath:))
    }
}
