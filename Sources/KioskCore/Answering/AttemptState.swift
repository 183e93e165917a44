import Foundation

/// Where a participant's sitting of a session stands, as the server's clock decides it.
public enum AttemptState: String, Sendable, Codable, CaseIterable {
    /// Logged in; the session has not opened yet (its window, or the proctor's start).
    case waiting
    /// Answering: the instrument is served and answers are taken until the deadline.
    case open
    /// The proctor paused the room: every clock stands still, answers wait.
    case paused
    /// The participant submitted.
    case submitted
    /// The deadline passed; the server closed the attempt itself.
    case timedOut = "timed_out"
    /// The session ended before the participant ever opened it.
    case closed
}
