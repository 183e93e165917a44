import Foundation
import Logging

/// swift-log to standard error, once per process; `KIOSK_LOG_LEVEL` (trace ... critical) sets the level.
enum KioskLogging {
    static func bootstrap() -> Logger {
        let level = ProcessInfo.processInfo.environment["KIOSK_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "kiosk")
    }
}
