import Dispatch
import Foundation
import KioskHTTP

/// Where scrypt checks run: off the event loop, as many at a time as there are cores. scrypt takes
/// tens of milliseconds and 16 MiB, so a lab logging in at once queues here, not in memory.
enum HashingQueue {
    private static let queue = DispatchQueue(label: "kiosk-hashing", qos: .userInitiated, attributes: .concurrent)
    private static let slots = DispatchSemaphore(value: ProcessInfo.processInfo.activeProcessorCount)

    /// Runs `work` when a slot is free.
    private static func run(_ work: @escaping @Sendable () -> Void) {
        queue.async {
            slots.wait()
            defer { slots.signal() }
            work()
        }
    }

    /// Runs a login check when a slot is free and replies with its response, its refusal, or (for
    /// a storage failure) a 503 or 500.
    static func answer(_ reply: Reply, services: Services, _ check: @escaping @Sendable () throws -> Response) {
        run {
            do {
                reply(try check())
            } catch let error as APIError {
                reply(error)
            } catch {
                reply(StorageFailure.apiError(for: error, logger: services.logger))
            }
        }
    }
}
