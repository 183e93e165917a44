/// One question or instruction of an instrument.
public struct Item: Sendable, Hashable {
    /// What the item asks for, with the settings of its type.
    public enum Kind: Sendable, Hashable {
        /// One option, shown as radio buttons.
        case singleChoice(options: [ChoiceOption])
        /// One option, shown as a drop-down list.
        case dropdown(options: [ChoiceOption])
        /// Any number of options, within the selection limits when they are given.
        case multipleChoice(options: [ChoiceOption], minSelections: Int?, maxSelections: Int?)
        /// Statements answered on one shared scale, each its own variable.
        case matrix(scale: [ChoiceOption], statements: [MatrixStatement])
        /// A whole number from `min` to `max`.
        case integer(min: Int, max: Int, unit: LocalizedText?)
        /// A number from `min` to `max` with at most `decimals` digits after the point.
        case decimal(min: Double, max: Double, decimals: Int, unit: LocalizedText?)
        /// One line of text of at most `maxLength` characters (Unicode code points).
        case shortText(maxLength: Int)
        /// Several lines of text of at most `maxLength` characters (Unicode code points).
        case longText(maxLength: Int)
        /// Text shown to the participant; no answer.
        case instruction

        public var type: ItemType {
            switch self {
            case .singleChoice: .singleChoice
            case .dropdown: .dropdown
            case .multipleChoice: .multipleChoice
            case .matrix: .matrix
            case .integer: .integer
            case .decimal: .decimal
            case .shortText: .shortText
            case .longText: .longText
            case .instruction: .instruction
            }
        }
    }

    /// Unique within the instrument; for an answerable item other than a matrix, the variable name
    /// (the export's column and what skip rules write as `${name}`). A matrix's name names the block.
    public var name: String
    public var label: LocalizedText
    public var hint: LocalizedText?
    /// The skip rule (an XLSForm `relevant` expression) as written; the item is shown only when it
    /// holds. A matrix's rule applies to every statement.
    public var relevant: String?
    /// A matrix's requirement applies to every statement; an instruction's is always `.optional`.
    public var requirement: Requirement
    /// The type with its settings.
    public var kind: Kind

    /// The default `maxLength` of a `short_text` item.
    public static let defaultShortTextLength = 100
    /// The default `maxLength` of a `long_text` item.
    public static let defaultLongTextLength = 2000
    /// The `maxLength` a `short_text` item may set.
    public static let shortTextLengthRange = 1...1000
    /// The `maxLength` a `long_text` item may set.
    public static let longTextLengthRange = 1...20000
    /// The default `decimals` of a `decimal` item.
    public static let defaultDecimals = 1
    /// The `decimals` a `decimal` item may set.
    public static let decimalsRange = 0...6

    public init(
        name: String, label: LocalizedText, hint: LocalizedText? = nil, relevant: String? = nil,
        requirement: Requirement = .optional, kind: Kind
    ) {
        self.name = name
        self.label = label
        self.hint = hint
        self.relevant = relevant
        self.requirement = requirement
        self.kind = kind
    }

    /// The item's `type` field.
    public var type: ItemType {
        kind.type
    }

    /// The names of the variables the item defines: its own name, a matrix's statement names, or
    /// none for an instruction.
    public var variableNames: [String] {
        switch kind {
        case .matrix(_, let statements): statements.map(\.name)
        case .instruction: []
        default: [name]
        }
    }
}
