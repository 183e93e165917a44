/// The spellings the bundle allows for names that programs match, export and type.
enum Identifier {
    /// Instrument, section, page and session ids and the site code: ASCII letters, digits, `-`
    /// and `_`, at most 64 characters.
    case code
    /// Item and matrix statement names, the export's column names: an ASCII letter, then letters,
    /// digits and `_`, at most 32 characters (Stata's limit).
    case variableName
    /// Participant IDs, typed at login: ASCII letters and digits, at most 32 characters.
    case participantID

    var maximumLength: Int {
        switch self {
        case .code: 64
        case .variableName, .participantID: 32
        }
    }

    func accepts(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, scalars.count <= maximumLength else { return false }
        switch self {
        case .code:
            return scalars.allSatisfy { Self.isLetterOrDigit($0) || $0 == "-" || $0 == "_" }
        case .variableName:
            return Self.isLetter(first) && scalars.allSatisfy { Self.isLetterOrDigit($0) || $0 == "_" }
        case .participantID:
            return scalars.allSatisfy(Self.isLetterOrDigit)
        }
    }

    /// The rule in words, for messages.
    var explanation: BilingualText {
        switch self {
        case .code:
            BilingualText(
                zhCN: "只能用英文字母、数字、“-”和“_”，最长 64 个字符",
                en: "use only letters, digits, '-' and '_', at most 64 characters")
        case .variableName:
            BilingualText(
                zhCN: "以英文字母开头，只能用英文字母、数字和“_”，最长 32 个字符",
                en: "start with a letter and use only letters, digits and '_', at most 32 characters")
        case .participantID:
            BilingualText(
                zhCN: "只能用英文字母和数字，最长 32 个字符",
                en: "use only letters and digits, at most 32 characters")
        }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) || ("0"..."9").contains(scalar)
    }
}

extension Character {
    /// `0`-`9` only, not other scripts' digits.
    var isASCIIDigit: Bool {
        ("0"..."9").contains(self)
    }
}
