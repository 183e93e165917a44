/// The people an instrument is written for or a session is held for: a role, and optionally the
/// grades within it (`{"role": "student", "grades": [4]}`); no grades means every grade.
public struct Audience: Sendable, Hashable {
    public var role: ParticipantRole
    /// The grades, in the bundle's order; `nil` for the whole role.
    public var grades: [Int]?

    /// The grades the monitoring tests: 1 to 12.
    public static let gradeRange = 1...12

    public init(role: ParticipantRole, grades: [Int]? = nil) {
        self.role = role
        self.grades = grades
    }

    /// Whether the participant belongs to this audience. A participant without a grade belongs
    /// only to audiences that name no grades.
    public func includes(_ participant: RosterEntry) -> Bool {
        guard participant.role == role else { return false }
        guard let grades else { return true }
        return participant.grade.map(grades.contains) ?? false
    }

    /// Whether someone could belong to both audiences: the same role and a grade in common.
    public func overlaps(_ other: Audience) -> Bool {
        guard role == other.role else { return false }
        guard let grades, let otherGrades = other.grades else { return true }
        return !Set(grades).isDisjoint(with: otherGrades)
    }

    /// Whether everyone in this audience is also in `other` (a session's audience within its
    /// instrument's).
    public func isWithin(_ other: Audience) -> Bool {
        guard role == other.role else { return false }
        guard let otherGrades = other.grades else { return true }
        guard let grades else { return false }
        return Set(grades).isSubset(of: otherGrades)
    }

    /// `学生 4、8年级 / student, grades 4, 8`, for messages and slips.
    var bilingualDescription: BilingualText {
        guard let grades else { return BilingualText(zhCN: role.chineseName, en: role.rawValue) }
        let list = grades.map(String.init)
        return BilingualText(
            zhCN: "\(role.chineseName) \(list.joined(separator: "、"))年级",
            en: "\(role.rawValue), grade\(grades.count == 1 ? "" : "s") \(list.joined(separator: ", "))")
    }
}

extension Audience: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case role, grades
    }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeStrictly(Audience.init(reading:))
    }
}

extension Audience {
    init?(reading node: JSONNode) {
        guard node.object(known: CodingKeys.fieldNames) != nil else { return nil }
        let role = node[CodingKeys.role.stringValue].role()
        let grades = node[CodingKeys.grades.stringValue].ifPresent { gradesNode in
            gradesNode.array().map { elements in
                elements.compactMap { $0.grade() }
            }
        }
        guard let role else { return nil }
        self.init(role: role, grades: grades)
    }
}

extension JSONNode {
    fileprivate func role() -> ParticipantRole? {
        guard let word = string() else { return nil }
        guard let role = ParticipantRole(rawValue: word) else {
            report(.invalidRole(word))
            return nil
        }
        return role
    }

    fileprivate func grade() -> Int? {
        guard let grade = integer() else { return nil }
        guard Audience.gradeRange.contains(grade) else {
            report(.invalidGrade(String(grade)))
            return nil
        }
        return grade
    }
}
