import Foundation
import KioskHTTP

/// `GET /healthz` for monitors and scripts, `GET /api/v1/time` for browsers measuring their
/// clock offset and round trip.
struct HealthRoutes {
    let services: Services
    let backup: PeriodicBackup?

    func register(in router: inout Router) {
        router.get("/healthz") { _ in try health() }
        router.get("/api/v1/time") { _ in
            try Response.json(ServerTime(serverTime: services.clock.now.millisecondsSince1970))
        }
    }

    private struct Health: Encodable {
        var status: String
        var database: String
        /// The periodic backup's latest outcome, when `kiosk.json` asks for one.
        var backup: PeriodicBackup.Status?
    }

    private struct ServerTime: Encodable {
        var serverTime: Int64
    }

    private func health() throws -> Response {
        do {
            _ = try services.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
            return try Response.json(Health(status: "ok", database: "ok", backup: backup?.status))
        } catch {
            services.logger.error("health check: database unreadable", metadata: ["error": "\(error)"])
            return try Response.json(Health(status: "failing", database: "unreadable", backup: backup?.status), status: .serviceUnavailable)
        }
    }
}
