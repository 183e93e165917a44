import Foundation

/// The server's clock, the only clock whose time decides anything. Injected so that tests can
/// move time.
public protocol KioskClock: Sendable {
    var now: Date { get }
}

/// The operating system's wall clock.
public struct SystemClock: KioskClock {
    public init() {}
    public var now: Date { Date() }
}
