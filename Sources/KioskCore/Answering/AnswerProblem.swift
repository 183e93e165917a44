/// Why one answer is refused: a stable code and a message in Chinese and English.
public enum AnswerProblem: Sendable, Hashable {
    case unknownItem
    case wrongType(expected: String)
    case invalidCode(Int)
    case outOfRange(min: String, max: String)
    case tooManyDecimals(Int)
    case tooLong(maxLength: Int)
    case tooManySelections(max: Int)
    case tooFewSelections(min: Int)
    case exclusiveWithOthers
    case duplicateCode
    case hiddenByRule

    public var code: String {
        switch self {
        case .unknownItem: "unknown_item"
        case .wrongType: "wrong_type"
        case .invalidCode: "invalid_code"
        case .outOfRange, .tooManyDecimals: "out_of_range"
        case .tooLong: "too_long"
        case .tooManySelections: "too_many_selections"
        case .tooFewSelections: "too_few_selections"
        case .exclusiveWithOthers, .duplicateCode: "invalid_code"
        case .hiddenByRule: "hidden_by_rule"
        }
    }

    public var message: String {
        switch self {
        case .unknownItem: "问卷中没有这道题"
        case .wrongType(let expected): "答案类型不对，应为\(expected)"
        case .invalidCode(let code): "选项代码 \(code) 不在本题的选项中"
        case .outOfRange(let min, let max): "数值应在 \(min) 到 \(max) 之间"
        case .tooManyDecimals(let decimals): "小数位数不能超过 \(decimals) 位"
        case .tooLong(let maxLength): "文字不能超过 \(maxLength) 个字"
        case .tooManySelections(let max): "最多只能选 \(max) 项"
        case .tooFewSelections(let min): "至少要选 \(min) 项"
        case .exclusiveWithOthers: "“以上都没有”一类的选项不能与其他选项同时选"
        case .duplicateCode: "同一个选项选了两次"
        case .hiddenByRule: "根据前面的回答，这道题不需要回答"
        }
    }

    public var messageEn: String {
        switch self {
        case .unknownItem: "The questionnaire has no such item"
        case .wrongType(let expected): "The answer has the wrong type: expected \(expected)"
        case .invalidCode(let code): "Option code \(code) is not among this item's options"
        case .outOfRange(let min, let max): "The number must be from \(min) to \(max)"
        case .tooManyDecimals(let decimals): "At most \(decimals) digits after the decimal point"
        case .tooLong(let maxLength): "The text may not be longer than \(maxLength) characters"
        case .tooManySelections(let max): "Choose at most \(max)"
        case .tooFewSelections(let min): "Choose at least \(min)"
        case .exclusiveWithOthers: "An option like 'none of these' cannot be chosen with others"
        case .duplicateCode: "The same option was chosen twice"
        case .hiddenByRule: "Earlier answers make this item not apply"
        }
    }
}
