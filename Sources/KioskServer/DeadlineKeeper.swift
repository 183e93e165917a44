import Dispatch
import Foundation
import KioskCore
import KioskStorage
import Logging

/// Closes attempts at their deadline whether or not a browser is there: once a second it looks
/// for open attempts whose deadline has passed and records them as timed out, at the deadline.
///
/// Requests never depend on it (an attempt past its deadline is timed out by computation), but
/// the database, and so every export and report, says so without waiting for a request.
// `@unchecked`: the dispatch timer is thread-safe; it is set up in `start` and cancelled in `stop`.
final class DeadlineKeeper: @unchecked Sendable {
    private let services: Services
    private let timer: any DispatchSourceTimer

    init(services: Services) {
        self.services = services
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "kiosk-deadlines"))
    }

    func start() {
        timer.setEventHandler { [services] in
            do {
                let now = services.clock.now
                guard let next = try services.database.pool.read(AttemptRecord.nextDeadline), next <= now else { return }
                services.writer.submit({ db in try AttemptRecord.closeOverdue(at: now, db) }) { result in
                    if case .success(let count) = result, count > 0 {
                        services.logger.info("attempts timed out at their deadline", metadata: ["count": "\(count)"])
                    }
                }
            } catch {
                services.logger.error("looking for overdue attempts failed", metadata: ["error": "\(error)"])
            }
        }
        timer.schedule(deadline: .now(), repeating: .seconds(1), leeway: .milliseconds(100))
        timer.resume()
    }

    func stop() {
        timer.cancel()
    }
}
