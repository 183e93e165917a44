/// Why a proctor's action on a session or a participant cannot be done now. The server gives each a
/// stable error code.
public enum ProctorRefusal: Error, Equatable, Sendable {
    /// The session is a subject test the kiosk does not deliver.
    case notDelivered
    /// Start: the session is already open (or paused).
    case alreadyOpen
    /// The session was ended, or its window is over and it cannot be changed any more.
    case ended
    /// Start outside the window: a written reason is needed.
    case reasonRequired
    /// Pause: the session is not open.
    case notOpen
    /// Resume: the session is not paused.
    case notPaused
}
