import Foundation

/// A column of `roster.csv`, recognised by its English or Chinese header in any order.
enum RosterColumn: String, CaseIterable {
    case id, role, grade
    case className = "class"
    case name, gender, school

    /// The Chinese header naming the column.
    var chineseHeader: String {
        switch self {
        case .id: "编号"
        case .role: "角色"
        case .grade: "年级"
        case .className: "班级"
        case .name: "姓名"
        case .gender: "性别"
        case .school: "学校"
        }
    }

    /// The columns the header must have; the others may be left out.
    static let required: [RosterColumn] = [.id, .role, .name]

    /// The column a header cell names: the English name in any case, or the Chinese.
    init?(header: String) {
        let header = header.trimmingCharacters(in: .whitespaces)
        guard let column = Self.allCases.first(where: { $0.rawValue == header.lowercased() || $0.chineseHeader == header })
        else { return nil }
        self = column
    }

    /// `id/编号`, for messages.
    var bothHeaders: String {
        "\(rawValue)/\(chineseHeader)"
    }
}
