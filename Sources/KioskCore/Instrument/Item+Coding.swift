extension Item: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, type, label, hint, relevant, requirement
        case options, minSelections, maxSelections
        case scale, statements
        case min, max, unit, decimals
        case maxLength
    }

    /// The fields every item may have, whatever its type (an instruction ignores `requirement`).
    static let commonFields: Set<CodingKeys> = [.name, .type, .label, .hint, .relevant, .requirement]

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeStrictly(Item.init(reading:))
    }

    /// Writes the item as the bundle format has it, with every default spelled out, so that the
    /// instrument's canonical JSON does not change when an author writes a default explicitly.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(type, forKey: .type)
        try container.encode(label, forKey: .label)
        try container.encodeIfPresent(hint, forKey: .hint)
        try container.encodeIfPresent(relevant, forKey: .relevant)
        if type.isAnswerable {
            try container.encode(requirement, forKey: .requirement)
        }
        switch kind {
        case .singleChoice(let options), .dropdown(let options):
            try container.encode(options, forKey: .options)
        case .multipleChoice(let options, let minSelections, let maxSelections):
            try container.encode(options, forKey: .options)
            try container.encodeIfPresent(minSelections, forKey: .minSelections)
            try container.encodeIfPresent(maxSelections, forKey: .maxSelections)
        case .matrix(let scale, let statements):
            try container.encode(scale, forKey: .scale)
            try container.encode(statements, forKey: .statements)
        case .integer(let min, let max, let unit):
            try container.encode(min, forKey: .min)
            try container.encode(max, forKey: .max)
            try container.encodeIfPresent(unit, forKey: .unit)
        case .decimal(let min, let max, let decimals, let unit):
            try container.encode(min, forKey: .min)
            try container.encode(max, forKey: .max)
            try container.encode(decimals, forKey: .decimals)
            try container.encodeIfPresent(unit, forKey: .unit)
        case .shortText(let maxLength), .longText(let maxLength):
            try container.encode(maxLength, forKey: .maxLength)
        case .instruction:
            break
        }
    }
}
