/// Who a participant is, which decides the questionnaire and the sessions they answer.
public enum ParticipantRole: String, Sendable, Hashable, Codable, CaseIterable {
    case student
    case teacher
    case principal

    /// The Chinese word the roster may use instead: 学生, 教师, 校长.
    public var chineseName: String {
        switch self {
        case .student: "学生"
        case .teacher: "教师"
        case .principal: "校长"
        }
    }

    /// The role an English or Chinese word names, ignoring case: `student`, `学生`, `Teacher`, ...
    public init?(word: String) {
        let word = word.lowercased()
        guard let role = Self.allCases.first(where: { $0.rawValue == word || $0.chineseName == word }) else {
            return nil
        }
        self = role
    }
}
