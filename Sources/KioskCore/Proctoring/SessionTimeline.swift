import Foundation

/// A delivered session's window from the timetable, and the proctors' control of it.
///
/// The timetable's window is never changed; every proctor action is a fact in ``SessionControl``,
/// and the effective window is computed from both.
public struct SessionTimeline: Sendable, Equatable {
    public var window: SessionWindow
    /// Whether the kiosk delivers the session (it has an instrument).
    public var delivered: Bool
    /// Whether the session opens only when a proctor starts it.
    public var proctorStart: Bool
    public var control: SessionControl

    public init(window: SessionWindow, delivered: Bool = true, proctorStart: Bool, control: SessionControl = SessionControl()) {
        self.window = window
        self.delivered = delivered
        self.proctorStart = proctorStart
        self.control = control
    }

    /// The effective end: the timetable's (or a late start's) end, moved by every finished pause;
    /// nil for a session that stays open until a proctor ends it.
    public var effectiveEnd: Date? {
        (control.rescheduledEnd ?? window.end).map { $0.addingTimeInterval(control.pausedTotal) }
    }

    /// The state at `now`.
    public func state(at now: Date) -> SessionState {
        guard delivered else { return .notDelivered }
        if control.endedAt != nil { return .ended }
        if control.pausedAt != nil { return .paused }
        if let end = effectiveEnd, now >= end { return .closed }
        if control.startedAt != nil { return .open }
        if now < window.start { return .scheduled }
        return proctorStart ? .awaitingStart : .open
    }

    /// The control after a proctor starts the session at `now`. Inside the window no reason is
    /// needed; before or after it, one is. A start after the window's end gives the session its
    /// timetable length from now.
    public func starting(at now: Date, hasReason: Bool) throws(ProctorRefusal) -> SessionControl {
        let state = state(at: now)
        switch state {
        case .notDelivered: throw .notDelivered
        case .ended: throw .ended
        case .open, .paused: throw .alreadyOpen
        case .scheduled, .awaitingStart, .closed: break
        }
        guard state == .awaitingStart || hasReason else { throw .reasonRequired }
        var control = control
        control.startedAt = now
        if state == .closed, let end = window.end {
            control.rescheduledEnd = now.addingTimeInterval(end.timeIntervalSince(window.start))
            control.pausedTotal = 0
        }
        return control
    }

    /// The control after a proctor pauses the open session at `now`.
    public func pausing(at now: Date) throws(ProctorRefusal) -> SessionControl {
        switch state(at: now) {
        case .notDelivered: throw .notDelivered
        case .ended, .closed: throw .ended
        case .scheduled, .awaitingStart, .paused: throw .notOpen
        case .open: break
        }
        var control = control
        control.pausedAt = now
        return control
    }

    /// The control after a proctor resumes the paused session at `now`, and how long the pause
    /// lasted: every open attempt's deadline moves by it.
    public func resuming(at now: Date) throws(ProctorRefusal) -> (control: SessionControl, pause: TimeInterval) {
        guard delivered else { throw .notDelivered }
        guard control.endedAt == nil else { throw .ended }
        guard let pausedAt = control.pausedAt else { throw .notPaused }
        let pause = max(0, now.timeIntervalSince(pausedAt))
        var control = control
        control.pausedAt = nil
        control.pausedTotal += pause
        return (control, pause)
    }

    /// The control after a proctor ends the session at `now` (paused or not).
    public func ending(at now: Date) throws(ProctorRefusal) -> SessionControl {
        switch state(at: now) {
        case .notDelivered: throw .notDelivered
        case .ended, .closed: throw .ended
        case .scheduled, .awaitingStart, .open, .paused: break
        }
        var control = control
        if let pausedAt = control.pausedAt {
            control.pausedTotal += max(0, now.timeIntervalSince(pausedAt))
            control.pausedAt = nil
        }
        control.endedAt = now
        return control
    }
}
