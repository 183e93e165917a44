import Dispatch
import Foundation

/// Where scrypt checks run: off the event loop, as many at a time as there are cores. scrypt takes
/// tens of milliseconds and 16 MiB, so a lab logging in at once queues here, not in memory.
enum HashingQueue {
    private static let queue = DispatchQueue(label: "kiosk-hashing", qos: .userInitiated, attributes: .concurrent)
    private static let slots = DispatchSemaphore(value: ProcessInfo.processInfo.activeProcessorCount)

    /// Runs `work` when a slot is free.
    static func run(_ work: @escaping @Sendable () -> Void) {
        queue.async {
            slots.wait()
            defer { slots.signal() }
            work()
        }
    }
}
