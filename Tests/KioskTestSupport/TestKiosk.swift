import Foundation
import KioskCore
import KioskServer
import Logging

/// Paths of the checkout the tests run in.
public enum Repository {
    /// The repository's root folder, found from this file's path.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static var web: String { root + "/web" }

    /// The `kiosk` executable that `swift build` placed beside the test bundle.
    public static var executable: String {
        let testBundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var folder = testBundle
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("kiosk")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate.path
            }
            folder.deleteLastPathComponent()
        }
        return root + "/.build/debug/kiosk"
    }
}

/// The real kiosk application, started in this process on a free port over a fresh data folder.
public final class TestKiosk: @unchecked Sendable {
    public let directory: TemporaryDirectory
    public let application: KioskApplication
    public var port: UInt16 { application.port }
    private var stopped = false

    public init(
        clock: any KioskClock = SystemClock(),
        adjust: (inout KioskApplication.Configuration) -> Void = { _ in }
    ) throws {
        directory = try TemporaryDirectory()
        var configuration = KioskApplication.Configuration(dataDirectory: directory.path, webRoot: Repository.web)
        configuration.server.port = 0
        adjust(&configuration)
        var logger = Logger(label: "kiosk-test")
        logger.logLevel = .warning
        application = try KioskApplication(configuration: configuration, clock: clock, logger: logger)
        try application.start()
    }

    public func connect() throws -> HTTPConnection {
        try HTTPConnection(port: port)
    }

    public func stop() {
        guard !stopped else { return }
        stopped = true
        application.stop()
    }

    deinit { stop() }
}
