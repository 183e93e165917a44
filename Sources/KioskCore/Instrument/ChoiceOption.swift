/// One answer a choice item, dropdown or matrix scale offers: `{"code": 1, "label": {...}}`.
public struct ChoiceOption: Sendable, Hashable {
    /// The value stored and exported when the option is chosen; unique within its item.
    public var code: Int
    public var label: LocalizedText
    /// In a multiple-choice item, "none of these": choosing it clears the other options.
    public var isExclusive: Bool

    public init(code: Int, label: LocalizedText, isExclusive: Bool = false) {
        self.code = code
        self.label = label
        self.isExclusive = isExclusive
    }
}

extension ChoiceOption: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, label
        case isExclusive = "exclusive"
    }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeStrictly { ChoiceOption(reading: $0, allowsExclusive: true) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(label, forKey: .label)
        if isExclusive {
            try container.encode(true, forKey: .isExclusive)
        }
    }
}

extension ChoiceOption {
    /// Reads an option; `exclusive` is reported as ignored unless `allowsExclusive` (multiple choice).
    init?(reading node: JSONNode, allowsExclusive: Bool) {
        guard node.object() != nil else { return nil }
        let exclusiveField = CodingKeys.isExclusive.stringValue
        node.reportUnrecognizedFields(
            known: allowsExclusive ? CodingKeys.fieldNames : CodingKeys.fieldNames.subtracting([exclusiveField]),
            inapplicable: [exclusiveField],
            context: BilingualText(zhCN: "单选、下拉或量表的选项", en: "an option of a single choice, dropdown or scale"))
        let code = node[CodingKeys.code.stringValue].integer()
        let label = LocalizedText(reading: node[CodingKeys.label.stringValue])
        let isExclusive = allowsExclusive ? node[exclusiveField].ifPresent { $0.bool() } ?? false : false
        guard let code, let label else { return nil }
        self.init(code: code, label: label, isExclusive: isExclusive)
    }
}

extension JSONNode {
    /// Reads a list of options, reporting each code used twice at its second use.
    func choiceOptions(allowsExclusive: Bool) -> [ChoiceOption]? {
        guard let elements = array() else { return nil }
        var firstPathOfCode: [Int: JSONPath] = [:]
        return elements.compactMap { element in
            guard let option = ChoiceOption(reading: element, allowsExclusive: allowsExclusive) else { return nil }
            if let firstPath = firstPathOfCode[option.code] {
                element[ChoiceOption.CodingKeys.code.stringValue].report(.duplicateOptionCode(option.code, first: firstPath))
            } else {
                firstPathOfCode[option.code] = element.path
            }
            return option
        }
    }
}

extension Problem {
    fileprivate static func duplicateOptionCode(_ code: Int, first: JSONPath) -> Problem {
        Problem(
            .duplicateOptionCode, zh: "选项代码 \(code) 重复（首次出现在 \(first)）",
            en: "option code \(code) is used twice (first at \(first))",
            hintZh: "同一题中每个选项的代码必须不同", hintEn: "give each option of an item its own code")
    }
}
