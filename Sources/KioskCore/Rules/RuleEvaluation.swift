extension RuleExpression {
    /// Whether the rule holds for these answers: the XPath `boolean()` of its value. A name missing
    /// from `answers` reads as unanswered, the empty string.
    public func evaluate(answers: [String: RuleValue]) -> Bool {
        evaluate { answers[$0] ?? .missing }
    }

    /// Whether the rule holds, reading the answer of each `${NAME}` through `answer`.
    public func evaluate(_ answer: (_ name: String) -> RuleValue) -> Bool {
        value(reading: answer).boolean
    }

    /// The rule's XPath value. `${NAME}` is the answer's string-value, as XForms stores answers.
    func value(reading answer: (String) -> RuleValue) -> XPathValue {
        switch self {
        case .number(let value):
            return .number(value)
        case .string(let text):
            return .string(text)
        case .reference(let name):
            return .string(answer(name).xpathString)
        case .negation(let operand):
            return .number(-operand.value(reading: answer).number)
        case .binary(let binaryOperator, let left, let right):
            return binaryOperator.apply(left, right, reading: answer)
        case .call(let function, let arguments):
            return function.apply(to: arguments, reading: answer)
        }
    }
}

extension BinaryOperator {
    /// XPath 1.0 sections 3.4 and 3.5: `and` and `or` on booleans (the right side is evaluated
    /// only when needed), `=` and `!=` by the types of both sides, the relational operators and
    /// arithmetic on IEEE 754 doubles. `mod` truncates, so its result takes the left side's sign.
    func apply(_ left: RuleExpression, _ right: RuleExpression, reading answer: (String) -> RuleValue) -> XPathValue {
        func bothNumbers() -> (Double, Double) {
            (left.value(reading: answer).number, right.value(reading: answer).number)
        }
        switch self {
        case .or:
            return .boolean(left.value(reading: answer).boolean || right.value(reading: answer).boolean)
        case .and:
            return .boolean(left.value(reading: answer).boolean && right.value(reading: answer).boolean)
        case .equal:
            return .boolean(XPathValue.equal(left.value(reading: answer), right.value(reading: answer)))
        case .notEqual:
            return .boolean(!XPathValue.equal(left.value(reading: answer), right.value(reading: answer)))
        case .less:
            let (x, y) = bothNumbers()
            return .boolean(x < y)
        case .lessOrEqual:
            let (x, y) = bothNumbers()
            return .boolean(x <= y)
        case .greater:
            let (x, y) = bothNumbers()
            return .boolean(x > y)
        case .greaterOrEqual:
            let (x, y) = bothNumbers()
            return .boolean(x >= y)
        case .add:
            let (x, y) = bothNumbers()
            return .number(x + y)
        case .subtract:
            let (x, y) = bothNumbers()
            return .number(x - y)
        case .multiply:
            let (x, y) = bothNumbers()
            return .number(x * y)
        case .divide:
            let (x, y) = bothNumbers()
            return .number(x / y)
        case .modulo:
            let (x, y) = bothNumbers()
            return .number(x.truncatingRemainder(dividingBy: y))
        }
    }
}
