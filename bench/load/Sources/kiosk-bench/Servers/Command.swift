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

    /// The path of a program on PATH, if there is one.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first(where: FileManager.default.isExecutableFile(atPath:))
    }
}
