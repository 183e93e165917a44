import Foundation

/// A session's window as absolute instants: the server's clock compares against these.
public struct SessionWindow: Sendable, Hashable {
    public var start: Date
    /// `nil` for a session that stays open until a proctor closes it.
    public var end: Date?

    public init(start: Date, end: Date?) {
        self.start = start
        self.end = end
    }

    /// Whether `instant` falls in the window: from its start, up to but not including its end.
    public func contains(_ instant: Date) -> Bool {
        instant >= start && end.map { instant < $0 } ?? true
    }
}
