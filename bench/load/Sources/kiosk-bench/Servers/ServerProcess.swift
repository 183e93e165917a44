import CNetwork
import Glibc
import Foundation

/// A server the bench started: its process, its port, its log.
final class ServerProcess {
    let name: String
    let port: UInt16
    let logPath: String
    private let process = Process()

    /// Starts `executable` with its output going to `logPath`.
    init(name: String, executable: String, arguments: [String], environment: [String: String] = [:],
         port: UInt16, logPath: String) throws {
        self.name = name
        self.port = port
        self.logPath = logPath
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Waits until the server answers an HTTP request on its port (any status will do).
    func waitUntilServing(limit: Double = 60) throws {
        let deadline = Date().addingTimeInterval(limit)
        while !HTTPProbe.answers(port: port) {
            guard process.isRunning else { throw BenchError.serverExited(name, logPath: logPath) }
            guard Date() < deadline else { throw BenchError.serverNotServing(name, logPath: logPath) }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Stops it with SIGTERM, as an operator would, and waits; returns the exit status.
    @discardableResult
    func stop(limit: Double = 60) throws -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning {
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                process.waitUntilExit()
                throw BenchError.serverDidNotStop(name, logPath: logPath)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return process.terminationStatus
    }

    /// A TCP port on 127.0.0.1 that nothing listens on now.
    static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw BenchError.noFreePort }
        return UInt16(bigEndian: address.sin_port)
    }
}

/// One blocking HTTP request, to see whether a server is up.
enum HTTPProbe {
    static func answers(port: UInt16) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return false }
        let request = Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard write(descriptor, request, request.count) == request.count else { return false }
        var buffer = [UInt8](repeating: 0, count: 16)
        return read(descriptor, &buffer, buffer.count) >= 12 && buffer.starts(with: "HTTP/1.".utf8)
    }
}
