/// A participant's gender as the roster records it.
public enum Gender: String, Sendable, Hashable, Codable, CaseIterable {
    case male = "M"
    case female = "F"

    /// 男 or 女.
    public var chineseName: String {
        switch self {
        case .male: "男"
        case .female: "女"
        }
    }

    /// The gender a roster cell names: `男`, `女`, `M` or `F` (either case).
    public init?(word: String) {
        switch word {
        case "男", "M", "m": self = .male
        case "女", "F", "f": self = .female
        default: return nil
        }
    }
}
