/// What a staff account may do. Each role may do everything the one before it may.
public enum StaffRole: String, Sendable, Codable, CaseIterable, Comparable {
    /// 督学: sees everything, changes nothing.
    case inspector
    /// 监测员: runs the room: sessions, participants, incidents.
    case proctor
    /// 信息员: what a proctor does, and exports the data.
    case officer

    public var chineseName: String {
        switch self {
        case .inspector: "督学"
        case .proctor: "监测员"
        case .officer: "信息员"
        }
    }

    private var rank: Int {
        switch self {
        case .inspector: 0
        case .proctor: 1
        case .officer: 2
        }
    }

    public static func < (lhs: StaffRole, rhs: StaffRole) -> Bool { lhs.rank < rhs.rank }
}
