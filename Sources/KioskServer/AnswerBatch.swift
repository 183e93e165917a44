import KioskCore
import KioskStorage

/// Checks a batch of answers against the instrument and the answers already given, in the order
/// of their sequence numbers, as the browser gave them.
struct AnswerBatch {
    let instrument: PreparedInstrument

    /// The problem of each refused answer, by its position in `answers`; empty when all are good.
    func problems(of answers: [SubmittedAnswer], given stored: [String: AnswerValue]) -> [(index: Int, problem: AnswerProblem)] {
        var current = stored
        var problems: [(Int, AnswerProblem)] = []
        for (index, answer) in answers.enumerated().sorted(by: { $0.element.seq < $1.element.seq }) {
            guard let variable = instrument.variables[answer.variable] else {
                problems.append((index, .unknownItem))
                continue
            }
            if let problem = variable.problem(with: answer.value) {
                problems.append((index, problem))
                continue
            }
            if answer.value != .cleared, let rule = instrument.rules[answer.variable],
               !rule.evaluate({ name in current[name]?.ruleValue ?? .missing }) {
                problems.append((index, .hiddenByRule))
                continue
            }
            current[answer.variable] = answer.value
        }
        return problems
    }
}
