/// The numbers of a session's completion report (测试完成情况), counted from its roster.
public struct CompletionCounts: Sendable, Equatable, Codable {
    /// Everyone the sample puts in the session (应测).
    public var sampled = 0
    /// Everyone who logged in (实测).
    public var present = 0
    /// Submitted (完成).
    public var finished = 0
    /// Closed by the deadline or by the session's end (超时).
    public var timedOut = 0
    /// Logged in but neither finished nor timed out (still answering, or never opened it).
    public var notFinished = 0
    /// Never logged in, without a mark.
    public var notLoggedIn = 0
    public var absent = 0
    public var excluded = 0
    /// The number of absences and exclusions by reason code.
    public var absentReasons: [String: Int] = [:]
    public var excludedReasons: [String: Int] = [:]

    public init() {}

    /// Counts each participant's status, with the reason of their mark.
    public init(_ statuses: [(status: RosterStatus, markReason: String?)]) {
        for (status, reason) in statuses {
            sampled += 1
            switch status {
            case .absent:
                absent += 1
                absentReasons[reason ?? "other", default: 0] += 1
            case .excluded:
                excluded += 1
                excludedReasons[reason ?? "other", default: 0] += 1
            case .notLoggedIn:
                notLoggedIn += 1
            case .submitted:
                present += 1
                finished += 1
            case .timedOut:
                present += 1
                timedOut += 1
            case .waiting, .answering, .paused, .closed:
                present += 1
                notFinished += 1
            }
        }
    }
}
