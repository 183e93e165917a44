import Foundation

/// What proctors did to a session, as the server recorded it: with the timetable's window, these
/// facts decide whether the session is open and when it ends.
public struct SessionControl: Sendable, Equatable {
    /// When a proctor started it.
    public var startedAt: Date?
    /// When the current pause began; nil while not paused.
    public var pausedAt: Date?
    /// The length of every pause that has ended: the session's end moves by it.
    public var pausedTotal: TimeInterval
    /// When a proctor ended it early.
    public var endedAt: Date?
    /// The end of a session started after its window had ended: its timetable length from that start.
    public var rescheduledEnd: Date?

    public init(
        startedAt: Date? = nil, pausedAt: Date? = nil, pausedTotal: TimeInterval = 0, endedAt: Date? = nil,
        rescheduledEnd: Date? = nil
    ) {
        self.startedAt = startedAt
        self.pausedAt = pausedAt
        self.pausedTotal = pausedTotal
        self.endedAt = endedAt
        self.rescheduledEnd = rescheduledEnd
    }
}
