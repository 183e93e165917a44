/// Where one rostered participant stands in one session, as the proctor's roster shows it.
public enum RosterStatus: String, Sendable, Codable, CaseIterable {
    case notLoggedIn = "not_logged_in"
    case waiting
    case answering
    case paused
    case submitted
    case timedOut = "timed_out"
    /// They logged in, but the session ended before they opened it.
    case closed
    case absent
    case excluded

    /// The status of a participant with this attempt state (nil: never logged in) and mark.
    public init(attempt: AttemptState?, mark: ParticipantMark.Kind?) {
        switch (mark, attempt) {
        case (.absent?, _): self = .absent
        case (.excluded?, _): self = .excluded
        case (nil, nil): self = .notLoggedIn
        case (nil, .waiting?): self = .waiting
        case (nil, .open?): self = .answering
        case (nil, .paused?): self = .paused
        case (nil, .submitted?): self = .submitted
        case (nil, .timedOut?): self = .timedOut
        case (nil, .closed?): self = .closed
        }
    }
}
