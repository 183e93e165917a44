import Foundation
import KioskHTTP
import KioskTestSupport
import Logging

/// An `HTTPServer` with the given routes, listening on a free port until released.
final class RunningServer {
    let server: HTTPServer
    var port: UInt16 { server.port }

    init(_ configure: (inout ServerConfiguration) -> Void = { _ in }, routes: (inout Router) throws -> Void) throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configure(&configuration)
        var router = Router()
        try routes(&router)
        var logger = Logger(label: "http-test")
        logger.logLevel = .critical
        server = HTTPServer(configuration: configuration, router: router, logger: logger)
        try server.start()
    }

    func connect(timeout: Int = 10) throws -> HTTPConnection {
        try HTTPConnection(port: port, timeout: timeout)
    }

    deinit { server.stop(gracePeriod: .seconds(1)) }
}
