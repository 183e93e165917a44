import Foundation

/// The facts that decide an attempt's state and deadline, all instants on the server's clock.
public struct AttemptTimeline: Sendable, Equatable {
    /// The session: its window and what proctors did to it.
    public var session: SessionTimeline
    /// Each person's answering time, counted from their first look at the instrument.
    public var duration: TimeInterval?
    /// Extra time a proctor gave this participant, already in `deadline` once it is fixed.
    public var extraTime: TimeInterval
    /// When the participant first received the instrument, and the deadline fixed then.
    public var openedAt: Date?
    public var deadline: Date?
    public var submittedAt: Date?
    public var timedOutAt: Date?

    public init(
        session: SessionTimeline, duration: TimeInterval? = nil, extraTime: TimeInterval = 0,
        openedAt: Date? = nil, deadline: Date? = nil, submittedAt: Date? = nil, timedOutAt: Date? = nil
    ) {
        self.session = session
        self.duration = duration
        self.extraTime = extraTime
        self.openedAt = openedAt
        self.deadline = deadline
        self.submittedAt = submittedAt
        self.timedOutAt = timedOutAt
    }

    /// The state at `now`.
    public func state(at now: Date) -> AttemptState {
        if submittedAt != nil { return .submitted }
        if timedOutAt != nil { return .timedOut }
        let sessionState = session.state(at: now)
        guard openedAt != nil else {
            switch sessionState {
            case .open: return .open
            case .scheduled, .awaitingStart, .paused: return .waiting
            case .ended, .closed, .notDelivered: return .closed
            }
        }
        if sessionState == .ended { return .timedOut }
        if let deadline, clockTime(at: now) >= deadline { return .timedOut }
        return sessionState == .paused ? .paused : .open
    }

    /// The instant the participant's clock shows at `now`: it stands still at the pause's start.
    private func clockTime(at now: Date) -> Date {
        session.control.pausedAt.map { min($0, now) } ?? now
    }

    /// The deadline of an attempt opened at `now`: its duration from now, never past the session's
    /// effective end, plus any extra time; nil when neither limits it (an open-ended teacher
    /// questionnaire).
    public func deadline(openingAt now: Date) -> Date? {
        let byDuration = duration.map { now.addingTimeInterval($0) }
        let limit: Date? = switch (byDuration, session.effectiveEnd) {
        case let (duration?, end?): min(duration, end)
        case let (duration?, nil): duration
        case let (nil, end?): end
        case (nil, nil): nil
        }
        return limit?.addingTimeInterval(extraTime)
    }

    /// Milliseconds left at `now` while open or paused (frozen while paused); nil without a deadline
    /// or in any other state.
    public func remainingMilliseconds(at now: Date) -> Int64? {
        let state = state(at: now)
        guard state == .open || state == .paused, let deadline else { return nil }
        return max(0, Int64((deadline.timeIntervalSince(clockTime(at: now)) * 1000).rounded(.down)))
    }
}
