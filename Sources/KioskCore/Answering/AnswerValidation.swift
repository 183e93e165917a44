import Foundation

extension AnswerVariable {
    /// What is wrong with `value` as an answer to this variable, or nil when it is acceptable.
    /// Clearing an answer is always acceptable here; skip rules are checked by the caller, which
    /// knows the other answers.
    public func problem(with value: AnswerValue) -> AnswerProblem? {
        if case .cleared = value { return nil }
        switch answer {
        case .choice(let options):
            guard case .number(let number) = value, let code = Int(exactly: number) else {
                return .wrongType(expected: "选项代码 / an option code")
            }
            return options.contains { $0.code == code } ? nil : .invalidCode(code)

        case .choices(let options, let minSelections, let maxSelections):
            guard case .codes(let codes) = value else { return .wrongType(expected: "选项代码的数组 / an array of option codes") }
            if let unknown = codes.first(where: { code in !options.contains { $0.code == code } }) {
                return .invalidCode(unknown)
            }
            if Set(codes).count != codes.count { return .duplicateCode }
            let exclusive = options.filter(\.isExclusive).map(\.code)
            if codes.count > 1, codes.contains(where: exclusive.contains) { return .exclusiveWithOthers }
            if let maxSelections, codes.count > maxSelections { return .tooManySelections(max: maxSelections) }
            if let minSelections, !codes.isEmpty, codes.count < minSelections { return .tooFewSelections(min: minSelections) }
            return nil

        case .integer(let min, let max):
            guard case .number(let number) = value, let integer = Int(exactly: number) else {
                return .wrongType(expected: "整数 / a whole number")
            }
            return (min...max).contains(integer) ? nil : .outOfRange(min: "\(min)", max: "\(max)")

        case .decimal(let min, let max, let decimals):
            guard case .number(let number) = value, number.isFinite else { return .wrongType(expected: "数字 / a number") }
            guard (min...max).contains(number) else {
                return .outOfRange(min: min.formatted(decimals), max: max.formatted(decimals))
            }
            let scaled = number * pow10(decimals)
            return abs(scaled - scaled.rounded()) < 1e-6 ? nil : .tooManyDecimals(decimals)

        case .text(let maxLength):
            guard case .text(let text) = value else { return .wrongType(expected: "文字 / a text") }
            return text.unicodeScalars.count <= maxLength ? nil : .tooLong(maxLength: maxLength)
        }
    }
}

private func pow10(_ exponent: Int) -> Double {
    (0..<exponent).reduce(1.0) { value, _ in value * 10 }
}

private extension Double {
    func formatted(_ decimals: Int) -> String {
        String(format: "%.\(decimals)f", self)
    }
}
