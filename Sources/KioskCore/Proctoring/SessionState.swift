/// Where a session of the day plan stands, as the server's clock and the proctors' actions decide it.
public enum SessionState: String, Sendable, Codable, CaseIterable {
    /// A subject test, shown so the day plan is whole; the kiosk does not deliver it.
    case notDelivered = "not_delivered"
    /// Before its window.
    case scheduled
    /// Inside its window, waiting for a proctor to start it.
    case awaitingStart = "awaiting_start"
    /// Participants may answer.
    case open
    /// The room is paused: every clock stands still.
    case paused
    /// A proctor ended it early.
    case ended
    /// Its window is over.
    case closed
}
