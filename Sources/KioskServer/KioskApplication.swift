import Foundation
import KioskCore
import KioskHTTP
import KioskStorage
import Logging

/// The kiosk as one running thing: the database, its writer, the routes and the HTTP server,
/// started and stopped in the right order.
public final class KioskApplication: Sendable {
    /// Where the kiosk keeps its data and serves its pages, and how it listens.
    public struct Configuration: Sendable {
        /// The folder holding `kiosk.sqlite` (created if missing).
        public var dataDirectory: String
        /// The folder of static web files (`web/`).
        public var webRoot: String
        public var server: ServerConfiguration

        public init(dataDirectory: String, webRoot: String, server: ServerConfiguration = ServerConfiguration()) {
            self.dataDirectory = dataDirectory
            self.webRoot = webRoot
            self.server = server
        }

        public var databasePath: String { dataDirectory + "/kiosk.sqlite" }
    }

    public let configuration: Configuration
    public let database: KioskDatabase
    public let writer: GroupCommitWriter
    private let server: HTTPServer
    private let deadlines: DeadlineKeeper
    private let backup: PeriodicBackup?
    private let lock: DataDirectoryLock
    private let logger: Logger

    /// Opens the database (migrating it) and prepares the server; nothing listens yet.
    public init(configuration: Configuration, clock: any KioskClock = SystemClock(), logger: Logger) throws {
        try FileManager.default.createDirectory(
            atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        self.configuration = configuration
        self.logger = logger
        lock = try DataDirectoryLock(dataDirectory: configuration.dataDirectory)
        let database = try KioskDatabase(path: configuration.databasePath)
        self.database = database
        writer = GroupCommitWriter(database: database, logger: logger)
        let site = try database.pool.read(InstalledBundle.site)
        backup = site.flatMap { site in
            site.backup.map { PeriodicBackup(database: database, policy: $0, siteCode: site.site.code, logger: logger) }
        }

        var router = Router()
        let services = Services(database: database, writer: writer, clock: clock, logger: logger)
        HealthRoutes(services: services, backup: backup).register(in: &router)
        LabCheckRoutes(services: services).register(in: &router)
        ParticipantLogin(services: services, throttle: LoginThrottle(clock: clock)).register(in: &router)
        let catalog = InstrumentCatalog(database: database)
        AttemptRoutes(services: services, catalog: catalog, attempts: AttemptCache(database: database)).register(in: &router)
        let staff = StaffAuthentication(services: services)
        StaffLogin(services: services, authentication: staff, throttle: LoginThrottle(clock: clock)).register(in: &router)
        SessionControlRoutes(services: services, authentication: staff, catalog: catalog).register(in: &router)
        SealRoutes(services: services, authentication: staff, catalog: catalog, throttle: LoginThrottle(clock: clock))
            .register(in: &router)
        RosterRoutes(services: services, authentication: staff, catalog: catalog).register(in: &router)
        IncidentRoutes(services: services, authentication: staff).register(in: &router)
        ReportRoutes(services: services, authentication: staff).register(in: &router)
        ExportRoutes(services: services, authentication: staff, catalog: catalog).register(in: &router)
        deadlines = DeadlineKeeper(services: services)
        let staticFiles = try StaticFiles(root: configuration.webRoot)
        router.fallback { request in try staticFiles.respond(to: request) }

        var serverConfiguration = configuration.server
        serverConfiguration.commonHeaderFields.append(contentsOf: SecurityHeaders.fields)
        server = HTTPServer(configuration: serverConfiguration, router: router, logger: logger)
    }

    /// Starts listening, closing attempts at their deadlines, and the periodic backup.
    public func start() throws {
        try server.start()
        deadlines.start()
        backup?.start()
    }

    /// The port the server listens on.
    public var port: UInt16 { server.port }

    /// Stops in the order that loses nothing: no new requests; requests in flight finish (their
    /// writes are committed and acknowledged); the writer ends; the log is checkpointed into the
    /// database file; the file is closed.
    public func stop() {
        server.stop()
        deadlines.stop()
        backup?.stop()
        writer.stop()
        do {
            try database.close()
        } catch {
            logger.error("closing the database failed", metadata: ["error": "\(error)"])
        }
        lock.release()
    }
}

/// What route handlers share: the database for reads, the writer for writes, the clock.
struct Services: Sendable {
    let database: KioskDatabase
    let writer: GroupCommitWriter
    let clock: any KioskClock
    let logger: Logger
}
