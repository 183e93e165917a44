import Foundation
import KioskCore
import Synchronization

/// A clock that stands still until a test moves it.
public final class FixedClock: KioskClock {
    private let current: Mutex<Date>

    public init(_ date: Date) { current = Mutex(date) }

    public var now: Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
