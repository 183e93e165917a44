import Foundation

/// Where a participant's sitting of a session stands, as the server's clock decides it.
public enum AttemptState: String, Sendable, Codable, CaseIterable {
    /// Logged in; the session has not opened yet (its window, or the proctor's start).
    case waiting
    /// Answering: the instrument is served and answers are taken until the deadline.
    case open
    /// The proctor paused the room: every clock stands still.
    case paused
    /// The participant submitted.
    case submitted
    /// The deadline passed; the server closed the attempt itself.
    case timedOut = "timed_out"
    /// The session ended before the participant ever opened it.
    case closed
}

/// The facts that decide an attempt's state and deadline, all instants on the server's clock.
public struct AttemptTimeline: Sendable, Equatable {
    /// When the session's window opens and closes (no end: open until a proctor closes it).
    public var window: SessionWindow
    /// Whether the session opens only when a proctor starts it, and when that happened.
    public var proctorStart: Bool
    public var startedByProctorAt: Date?
    /// Each person's answering time, counted from their first look at the instrument.
    public var duration: TimeInterval?
    /// When the participant first received the instrument, and the deadline fixed then.
    public var openedAt: Date?
    public var deadline: Date?
    public var submittedAt: Date?
    public var timedOutAt: Date?

    public init(
        window: SessionWindow, proctorStart: Bool, startedByProctorAt: Date? = nil, duration: TimeInterval? = nil,
        openedAt: Date? = nil, deadline: Date? = nil, submittedAt: Date? = nil, timedOutAt: Date? = nil
    ) {
        self.window = window
        self.proctorStart = proctorStart
        self.startedByProctorAt = startedByProctorAt
        self.duration = duration
        self.openedAt = openedAt
        self.deadline = deadline
        self.submittedAt = submittedAt
        self.timedOutAt = timedOutAt
    }

    /// The state at `now`.
    public func state(at now: Date) -> AttemptState {
        if submittedAt != nil { return .submitted }
        if timedOutAt != nil { return .timedOut }
        if let deadline, now >= deadline { return .timedOut }
        if openedAt != nil { return .open }
        if let end = window.end, now >= end { return .closed }
        return isSessionOpen(at: now) ? .open : .waiting
    }

    /// Whether the session itself has opened by `now`: its window has begun and, where a proctor
    /// must start it, a proctor has.
    public func isSessionOpen(at now: Date) -> Bool {
        guard now >= window.start else { return false }
        if let end = window.end, now >= end { return false }
        return !proctorStart || startedByProctorAt != nil
    }

    /// The deadline of an attempt opened at `now`: its duration from now, but never past the
    /// window's end; nil when neither limits it (an open-ended teacher questionnaire).
    public func deadline(openingAt now: Date) -> Date? {
        let byDuration = duration.map { now.addingTimeInterval($0) }
        switch (byDuration, window.end) {
        case let (duration?, end?): return min(duration, end)
        case let (duration?, nil): return duration
        case let (nil, end?): return end
        case (nil, nil): return nil
        }
    }

    /// Milliseconds left at `now` while open; nil without a deadline or when not open.
    public func remainingMilliseconds(at now: Date) -> Int64? {
        guard state(at: now) == .open, let deadline else { return nil }
        return max(0, Int64((deadline.timeIntervalSince(now) * 1000).rounded(.down)))
    }
}
