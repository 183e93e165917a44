/// A proctor's mark on a participant who does not sit a session: absent (缺考) or excluded (免测),
/// with a reason code from a fixed list and, for `other`, a note.
public struct ParticipantMark: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case absent
        case excluded
    }

    public var kind: Kind
    public var reason: String
    public var note: String?

    /// The reason codes of each kind, with their Chinese names, in the order the console lists them.
    public static func reasons(for kind: Kind) -> [(code: String, chineseName: String)] {
        switch kind {
        case .absent: [("sick", "病假"), ("personal_leave", "事假"), ("transferred", "转学或休学"), ("other", "其他")]
        case .excluded: [("special_needs", "特殊教育需要"), ("language", "语言障碍"), ("other", "其他")]
        }
    }

    public static let maxNoteLength = 500

    /// A mark as stored: it was checked when it was made.
    public init(trusted kind: Kind, reason: String, note: String?) {
        self.kind = kind
        self.reason = reason
        self.note = note
    }

    /// A mark checked against the lists: nil when the reason is not one of the kind's, when `other`
    /// has no note, or when the note is too long.
    public init?(kind: Kind, reason: String, note: String?) {
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        let trimmedNote = note?.isEmpty == false ? note : nil
        guard Self.reasons(for: kind).contains(where: { $0.code == reason }),
              reason != "other" || trimmedNote != nil,
              (trimmedNote?.count ?? 0) <= Self.maxNoteLength else { return nil }
        self.kind = kind
        self.reason = reason
        self.note = trimmedNote
    }
}
