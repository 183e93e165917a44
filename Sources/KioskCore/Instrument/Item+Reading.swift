extension Item {
    /// Reads an item, reporting every problem of the item itself; checks that span items (names
    /// used twice, skip rules) belong to ``Instrument/init(reading:)``.
    init?(reading node: JSONNode) {
        guard node.object() != nil else { return nil }
        let name = node[CodingKeys.name.stringValue].identifier(.variableName)
        let type = node[CodingKeys.type.stringValue].itemType()
        let allFields = Set(CodingKeys.allCases)
        var fields = Self.commonFields.union(type?.fields ?? allFields)
        if type == .instruction {
            fields.remove(.requirement)
        }
        node.reportUnrecognizedFields(
            known: Set(fields.map(\.stringValue)),
            inapplicable: Set(allFields.subtracting(fields).map(\.stringValue)),
            context: type?.itemDescription)

        let label = LocalizedText(reading: node[CodingKeys.label.stringValue])
        let hint = node[CodingKeys.hint.stringValue].ifPresent(LocalizedText.init(reading:))
        let relevant = node[CodingKeys.relevant.stringValue].ifPresent { $0.string() }
        let requirement = type == .instruction ? .optional : node[CodingKeys.requirement.stringValue].ifPresent { $0.requirement() }
        let kind = type.flatMap { Self.readKind($0, from: node) }
        guard let name, let label, let kind else { return nil }
        self.init(
            name: name, label: label, hint: hint, relevant: relevant, requirement: requirement ?? .optional, kind: kind)
    }

    private static func readKind(_ type: ItemType, from node: JSONNode) -> Kind? {
        switch type {
        case .singleChoice:
            return node[CodingKeys.options.stringValue].choiceOptions(allowsExclusive: false).map(Kind.singleChoice)
        case .dropdown:
            return node[CodingKeys.options.stringValue].choiceOptions(allowsExclusive: false).map(Kind.dropdown)
        case .multipleChoice:
            return readMultipleChoice(from: node)
        case .matrix:
            let scale = node[CodingKeys.scale.stringValue].choiceOptions(allowsExclusive: false)
            let statements = node[CodingKeys.statements.stringValue].array()?.compactMap(MatrixStatement.init(reading:))
            guard let scale, let statements else { return nil }
            return .matrix(scale: scale, statements: statements)
        case .integer:
            let minNode = node[CodingKeys.min.stringValue]
            let min = minNode.integer()
            let max = node[CodingKeys.max.stringValue].integer()
            let unit = node[CodingKeys.unit.stringValue].ifPresent(LocalizedText.init(reading:))
            guard let min, let max else { return nil }
            if min > max {
                minNode.report(.minGreaterThanMax("min", String(min), "max", String(max)))
            }
            return .integer(min: min, max: max, unit: unit)
        case .decimal:
            let minNode = node[CodingKeys.min.stringValue]
            let min = minNode.number()
            let max = node[CodingKeys.max.stringValue].number()
            let decimals = node[CodingKeys.decimals.stringValue].ifPresent { $0.decimals() } ?? Item.defaultDecimals
            let unit = node[CodingKeys.unit.stringValue].ifPresent(LocalizedText.init(reading:))
            guard let min, let max else { return nil }
            if min > max {
                minNode.report(.minGreaterThanMax("min", min.asAuthorWroteIt, "max", max.asAuthorWroteIt))
            }
            return .decimal(min: min, max: max, decimals: decimals, unit: unit)
        case .shortText:
            let maxLength = node[CodingKeys.maxLength.stringValue].ifPresent { $0.maxLength(in: Item.shortTextLengthRange) }
            return .shortText(maxLength: maxLength ?? Item.defaultShortTextLength)
        case .longText:
            let maxLength = node[CodingKeys.maxLength.stringValue].ifPresent { $0.maxLength(in: Item.longTextLengthRange) }
            return .longText(maxLength: maxLength ?? Item.defaultLongTextLength)
        case .instruction:
            return .instruction
        }
    }

    private static func readMultipleChoice(from node: JSONNode) -> Kind? {
        let options = node[CodingKeys.options.stringValue].choiceOptions(allowsExclusive: true)
        let minNode = node[CodingKeys.minSelections.stringValue]
        let maxNode = node[CodingKeys.maxSelections.stringValue]
        let minSelections = minNode.ifPresent { $0.integer() }
        let maxSelections = maxNode.ifPresent { $0.integer() }
        guard let options else { return nil }
        let attainable = 0...options.count
        if let minSelections, !attainable.contains(minSelections) {
            minNode.report(.invalidSelectionLimit(minSelections, optionCount: options.count))
        }
        if let maxSelections, !(1...max(1, options.count)).contains(maxSelections) {
            maxNode.report(.invalidSelectionLimit(maxSelections, optionCount: options.count))
        }
        if let minSelections, let maxSelections, minSelections > maxSelections {
            minNode.report(
                .minGreaterThanMax("minSelections", String(minSelections), "maxSelections", String(maxSelections)))
        }
        return .multipleChoice(options: options, minSelections: minSelections, maxSelections: maxSelections)
    }
}

extension JSONNode {
    fileprivate func itemType() -> ItemType? {
        guard let word = string() else { return nil }
        guard let type = ItemType(rawValue: word) else {
            report(.unknownItemType(word))
            return nil
        }
        return type
    }

    fileprivate func requirement() -> Requirement? {
        guard let word = string() else { return nil }
        guard let requirement = Requirement(rawValue: word) else {
            report(.invalidValue(word, field: key, allowed: Requirement.allCases.map(\.rawValue)))
            return nil
        }
        return requirement
    }

    fileprivate func decimals() -> Int? {
        guard let decimals = integer() else { return nil }
        guard Item.decimalsRange.contains(decimals) else {
            report(.outOfRange(key, value: String(decimals), allowed: Item.decimalsRange))
            return nil
        }
        return decimals
    }

    fileprivate func maxLength(in allowed: ClosedRange<Int>) -> Int? {
        guard let maxLength = integer() else { return nil }
        guard allowed.contains(maxLength) else {
            report(.invalidMaxLength(maxLength, allowed: allowed))
            return nil
        }
        return maxLength
    }
}

extension Double {
    /// The number as an author would write it: `3` rather than `3.0`.
    fileprivate var asAuthorWroteIt: String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}

extension Problem {
    fileprivate static func unknownItemType(_ word: String) -> Problem {
        let types = ItemType.allCases.map(\.rawValue).joined(separator: ", ")
        return Problem(
            .unknownItemType, zh: "未知题型“\(word)”", en: "unknown item type '\(word)'",
            hintZh: "可用题型：\(types)", hintEn: "the item types are: \(types)")
    }

    fileprivate static func minGreaterThanMax(_ lowerField: String, _ lower: String, _ upperField: String, _ upper: String) -> Problem {
        Problem(
            .minGreaterThanMax, zh: "\(lowerField)（\(lower)）大于 \(upperField)（\(upper)）",
            en: "\(lowerField) (\(lower)) is greater than \(upperField) (\(upper))",
            hintZh: "交换两者，或改正其中一个", hintEn: "swap them, or correct one of them")
    }

    fileprivate static func invalidSelectionLimit(_ limit: Int, optionCount: Int) -> Problem {
        Problem(
            .invalidSelectionLimit, zh: "选择数限制 \(limit) 无法满足：此题有 \(optionCount) 个选项",
            en: "the selection limit \(limit) cannot be met: the item has \(optionCount) options",
            hintZh: "minSelections 取 0 到选项数，maxSelections 取 1 到选项数",
            hintEn: "minSelections goes from 0 to the number of options, maxSelections from 1 to it")
    }

    fileprivate static func invalidMaxLength(_ maxLength: Int, allowed: ClosedRange<Int>) -> Problem {
        Problem(
            .invalidMaxLength, zh: "maxLength 为 \(maxLength)，超出范围", en: "maxLength is \(maxLength), out of range",
            hintZh: "字数上限取 \(allowed.lowerBound) 到 \(allowed.upperBound) 之间的整数（short_text 最多 \(Item.shortTextLengthRange.upperBound)，更长的回答用 long_text）",
            hintEn: "use a whole number of characters from \(allowed.lowerBound) to \(allowed.upperBound) (short_text goes up to \(Item.shortTextLengthRange.upperBound); use long_text for longer answers)")
    }
}
