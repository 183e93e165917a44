/// The kinds of item, spelled as the bundle's `type` field spells them.
public enum ItemType: String, Sendable, Hashable, Codable, CaseIterable {
    case singleChoice = "single_choice"
    case multipleChoice = "multiple_choice"
    case dropdown
    case matrix
    case integer
    case decimal
    case shortText = "short_text"
    case longText = "long_text"
    case instruction

    /// Whether the item takes an answer; an instruction is only shown.
    public var isAnswerable: Bool {
        self != .instruction
    }

    /// The fields this type adds to those every item has.
    var fields: Set<Item.CodingKeys> {
        switch self {
        case .singleChoice, .dropdown: [.options]
        case .multipleChoice: [.options, .minSelections, .maxSelections]
        case .matrix: [.scale, .statements]
        case .integer: [.min, .max, .unit]
        case .decimal: [.min, .max, .decimals, .unit]
        case .shortText, .longText: [.maxLength]
        case .instruction: []
        }
    }

    /// `类型为 single_choice 的题 / an item of type single_choice`, for messages.
    var itemDescription: BilingualText {
        BilingualText(zhCN: "类型为 \(rawValue) 的题", en: "an item of type \(rawValue)")
    }
}
