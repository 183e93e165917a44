/// One answerable variable of an instrument, as the server stores and checks answers: an item, or
/// one statement of a matrix. ``Instrument/variables`` lists them in questionnaire order.
public struct AnswerVariable: Sendable, Hashable {
    /// What a valid answer is.
    public enum Answer: Sendable, Hashable {
        /// One of the option codes (single choice, dropdown, a matrix statement).
        case choice(options: [ChoiceOption])
        /// Distinct option codes, as many as the limits allow; an exclusive option stands alone.
        case choices(options: [ChoiceOption], minSelections: Int?, maxSelections: Int?)
        /// A whole number from `min` to `max`.
        case integer(min: Int, max: Int)
        /// A number from `min` to `max` with at most `decimals` digits after the point.
        case decimal(min: Double, max: Double, decimals: Int)
        /// A text of at most `maxLength` characters (Unicode code points).
        case text(maxLength: Int)
    }

    /// The variable's name: the export's column and what skip rules write as `${name}`.
    public var name: String
    /// The text the participant answers: the item's label, or the statement's.
    public var label: LocalizedText
    /// The item the variable belongs to; for a matrix statement, the matrix's name.
    public var itemName: String
    public var itemType: ItemType
    /// The item's requirement (a matrix's applies to each statement).
    public var requirement: Requirement
    /// The item's skip rule as written (a matrix's applies to each statement).
    public var relevant: String?
    public var answer: Answer

    public init(
        name: String, label: LocalizedText, itemName: String, itemType: ItemType, requirement: Requirement,
        relevant: String?, answer: Answer
    ) {
        self.name = name
        self.label = label
        self.itemName = itemName
        self.itemType = itemType
        self.requirement = requirement
        self.relevant = relevant
        self.answer = answer
    }
}

extension Instrument {
    /// Every answerable variable in questionnaire order, each matrix expanded into its statements;
    /// instructions have none.
    public var variables: [AnswerVariable] {
        items.flatMap(\.variables)
    }
}

extension Item {
    /// The variables this item defines.
    public var variables: [AnswerVariable] {
        func variable(_ name: String, _ label: LocalizedText, _ answer: AnswerVariable.Answer) -> AnswerVariable {
            AnswerVariable(
                name: name, label: label, itemName: self.name, itemType: type, requirement: requirement,
                relevant: relevant, answer: answer)
        }
        switch kind {
        case .singleChoice(let options), .dropdown(let options):
            return [variable(name, label, .choice(options: options))]
        case .multipleChoice(let options, let minSelections, let maxSelections):
            return [variable(name, label, .choices(options: options, minSelections: minSelections, maxSelections: maxSelections))]
        case .matrix(let scale, let statements):
            return statements.map { variable($0.name, $0.label, .choice(options: scale)) }
        case .integer(let min, let max, _):
            return [variable(name, label, .integer(min: min, max: max))]
        case .decimal(let min, let max, let decimals, _):
            return [variable(name, label, .decimal(min: min, max: max, decimals: decimals))]
        case .shortText(let maxLength), .longText(let maxLength):
            return [variable(name, label, .text(maxLength: maxLength))]
        case .instruction:
            return []
        }
    }
}
