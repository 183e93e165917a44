extension Problem {
    static func missingField(_ field: String, kind: JSONNode.Kind) -> Problem {
        Problem(
            .missingField, zh: "缺少字段 \(field)", en: "missing field \(field)",
            hintZh: "添加 \"\(field)\": \(kind.example)", hintEn: "add \"\(field)\": \(kind.example)")
    }

    static func wrongType(_ field: String, expected: JSONNode.Kind, found: JSONValue) -> Problem {
        Problem(
            .wrongType, zh: "\(field) 应为\(expected.chineseName)，实际为\(found.chineseTypeName)",
            en: "\(field) must be \(expected.englishName), not \(found.typeName)",
            hintZh: "写成 \(expected.example) 的形式", hintEn: "write it like \(expected.example)")
    }

    static func unknownField(_ field: String, known: Set<String>) -> Problem {
        let fields = known.sorted().joined(separator: ", ")
        return Problem(
            .unknownField, zh: "未知字段 \(field)，将被忽略", en: "unknown field \(field) is ignored",
            hintZh: "检查拼写；此处可用的字段：\(fields)", hintEn: "check the spelling; the fields here are: \(fields)")
    }

    static func fieldNotApplicable(_ field: String, context: BilingualText) -> Problem {
        Problem(
            .fieldNotApplicable, zh: "字段 \(field) 不适用于\(context.zhCN)，将被忽略",
            en: "field \(field) does not apply to \(context.en) and is ignored",
            hintZh: "删除该字段，或检查 type 是否写对", hintEn: "remove the field, or check the type")
    }

    static func emptyValue(_ field: String) -> Problem {
        Problem(
            .emptyValue, zh: "\(field) 为空", en: "\(field) is empty",
            hintZh: "填写内容", hintEn: "write something in it")
    }

    static func emptyList(_ field: String) -> Problem {
        Problem(
            .emptyList, zh: "\(field) 列表为空", en: "the list \(field) is empty",
            hintZh: "至少写一项", hintEn: "give it at least one element")
    }

    static func invalidIdentifier(_ text: String, rule: Identifier) -> Problem {
        Problem(
            .invalidIdentifier, zh: "“\(text)”的写法不合规", en: "'\(text)' is not allowed here",
            hintZh: rule.explanation.zhCN, hintEn: rule.explanation.en)
    }

    static func invalidValue(_ text: String, field: String, allowed: [String]) -> Problem {
        let choices = allowed.joined(separator: ", ")
        return Problem(
            .invalidValue, zh: "\(field) 不能为“\(text)”", en: "\(field) cannot be '\(text)'",
            hintZh: "可用的值：\(choices)", hintEn: "the values allowed are: \(choices)")
    }

    static func outOfRange(_ field: String, value: String, allowed: ClosedRange<Int>) -> Problem {
        Problem(
            .outOfRange, zh: "\(field) 为 \(value)，超出范围", en: "\(field) is \(value), out of range",
            hintZh: "取 \(allowed.lowerBound) 到 \(allowed.upperBound) 之间的整数",
            hintEn: "use a whole number from \(allowed.lowerBound) to \(allowed.upperBound)")
    }
}

extension JSONNode.Kind {
    var chineseName: String {
        switch self {
        case .object: "对象 {…}"
        case .array: "列表 […]"
        case .string: "文字"
        case .integer: "整数"
        case .number: "数字"
        case .boolean: "true 或 false"
        }
    }

    var englishName: String {
        switch self {
        case .object: "an object {…}"
        case .array: "an array […]"
        case .string: "a string"
        case .integer: "a whole number"
        case .number: "a number"
        case .boolean: "true or false"
        }
    }

    /// A value of this kind as an author would type it.
    var example: String {
        switch self {
        case .object: "{…}"
        case .array: "[…]"
        case .string: "\"…\""
        case .integer: "1"
        case .number: "1.5"
        case .boolean: "true"
        }
    }
}

extension JSONValue {
    fileprivate var chineseTypeName: String {
        switch self {
        case .null: "null"
        case .bool: "true/false"
        case .integer: "整数"
        case .number: "数字"
        case .string: "文字"
        case .array: "列表"
        case .object: "对象"
        }
    }
}
