import KioskCore
import Testing

/// Each answer type accepts what it should and says why it refuses the rest.
@Suite struct AnswerValidationTests {
    static func variable(_ answer: AnswerVariable.Answer) -> AnswerVariable {
        AnswerVariable(
            name: "V", label: LocalizedText(zhCN: "题"), itemName: "V", itemType: .singleChoice,
            requirement: .optional, relevant: nil, answer: answer)
    }

    static let options = [1, 2, 3, 9].map { ChoiceOption(code: $0, label: LocalizedText(zhCN: "\($0)"), isExclusive: $0 == 9) }

    @Test func choices() {
        let single = Self.variable(.choice(options: Self.options))
        #expect(single.problem(with: .number(2)) == nil)
        #expect(single.problem(with: .number(4)) == .invalidCode(4))
        #expect(single.problem(with: .number(2.5))?.code == "wrong_type")
        #expect(single.problem(with: .cleared) == nil)
        let multiple = Self.variable(.choices(options: Self.options, minSelections: 2, maxSelections: 3))
        #expect(multiple.problem(with: .codes([1, 2])) == nil)
        #expect(multiple.problem(with: .codes([1])) == .tooFewSelections(min: 2))
        #expect(multiple.problem(with: .codes([1, 2, 3, 9])) == .exclusiveWithOthers)
        #expect(multiple.problem(with: .codes([1, 2, 3, 3]))?.code == "invalid_code")
        #expect(multiple.problem(with: .codes([9])) == .tooFewSelections(min: 2))
        #expect(multiple.problem(with: .number(1))?.code == "wrong_type")
    }

    @Test func numbers() {
        let integer = Self.variable(.integer(min: 0, max: 24))
        #expect(integer.problem(with: .number(24)) == nil)
        #expect(integer.problem(with: .number(25)) == .outOfRange(min: "0", max: "24"))
        #expect(integer.problem(with: .number(1.5))?.code == "wrong_type")
        let decimal = Self.variable(.decimal(min: 0, max: 12, decimals: 1))
        #expect(decimal.problem(with: .number(7.5)) == nil)
        #expect(decimal.problem(with: .number(7.55)) == .tooManyDecimals(1))
        #expect(decimal.problem(with: .number(12.1))?.code == "out_of_range")
        #expect(decimal.problem(with: .text("7"))?.code == "wrong_type")
    }

    @Test func texts() {
        let text = Self.variable(.text(maxLength: 3))
        #expect(text.problem(with: .text("三个字")) == nil)
        #expect(text.problem(with: .text("四个汉字")) == .tooLong(maxLength: 3))
        #expect(text.problem(with: .number(3))?.code == "wrong_type")
    }

    @Test func valuesRoundTripThroughTheirStoredJSON() throws {
        for value in [AnswerValue.cleared, .number(3), .number(2.5), .text("“引号”\n"), .codes([1, 4])] {
            #expect(try AnswerValue(json: value.json) == value)
        }
        #expect(AnswerValue.number(3).json == "3")
        #expect(AnswerValue.codes([]).ruleValue == .missing)
    }
}
