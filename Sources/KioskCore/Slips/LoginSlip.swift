/// What one participant's login slip says: who they are, their access code, and when they sit.
public struct LoginSlip: Sendable, Hashable {
    public var participant: RosterEntry
    public var accessCode: AccessCode
    /// The sessions the participant attends, in the order printed.
    public var sessions: [Session]

    public init(participant: RosterEntry, accessCode: AccessCode, sessions: [Session]) {
        self.participant = participant
        self.accessCode = accessCode
        self.sessions = sessions
    }
}
