/// One sampled participant: a row of `roster.csv`.
public struct RosterEntry: Sendable, Hashable, Identifiable, Codable {
    /// The login ID: ASCII letters and digits, unique in the roster without regard to case.
    public var id: String
    public var role: ParticipantRole
    /// Required for students; `nil` for principals and for teachers the roster gives no grade.
    public var grade: Int?
    /// The class, such as `4(2)`.
    public var className: String?
    /// The full name.
    public var name: String
    public var gender: Gender?
    /// The school's code, normally the site's.
    public var school: String?

    enum CodingKeys: String, CodingKey {
        case id, role, grade
        case className = "class"
        case name, gender, school
    }

    public init(
        id: String, role: ParticipantRole, grade: Int? = nil, className: String? = nil, name: String,
        gender: Gender? = nil, school: String? = nil
    ) {
        self.id = id
        self.role = role
        self.grade = grade
        self.className = className
        self.name = name
        self.gender = gender
        self.school = school
    }
}
