/// Whether a participant must answer an item before going on.
public enum Requirement: String, Sendable, Hashable, Codable, CaseIterable {
    /// The page cannot be left without an answer.
    case required
    /// Asked once ("you have not answered, go on anyway?"), then may be skipped.
    case soft
    /// May be left unanswered; the default.
    case optional
}
