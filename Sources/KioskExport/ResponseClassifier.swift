import KioskCore

/// What a row holds for one variable: the answer, or why there is none.
public enum VariableOutcome: Sendable, Equatable {
    case answered(AnswerValue)
    case missing(MissingReason)
}

/// How far an attempt went: what the missing reasons are judged against.
public struct AttemptProgress: Sendable, Equatable {
    /// Whether the participant ever received the instrument.
    public var opened: Bool
    /// The furthest page reached (0-based).
    public var furthestPage: Int
    /// Whether the attempt ended by its deadline (or the session's end) rather than a submission.
    public var timedOut: Bool

    public init(opened: Bool, furthestPage: Int, timedOut: Bool) {
        self.opened = opened
        self.furthestPage = furthestPage
        self.timedOut = timedOut
    }
}

/// Decides each variable's outcome for an attempt, from the instrument's pages and skip rules and
/// the participant's final answers.
public struct ResponseClassifier: Sendable {
    public let instrument: Instrument
    public let variables: [AnswerVariable]
    /// The position of each variable in ``variables``, by name.
    let positions: [String: Int]
    /// The 0-based page of each variable, counting pages across sections, by position.
    let pages: [Int]
    /// The skip rule of each variable, by position.
    let rules: [RuleExpression?]

    public init(instrument: Instrument) {
        self.instrument = instrument
        variables = instrument.variables
        var pageOfVariable: [String: Int] = [:]
        var index = 0
        for section in instrument.sections {
            for page in section.pages {
                for item in page.items {
                    for name in item.variableNames { pageOfVariable[name] = index }
                }
                index += 1
            }
        }
        positions = Dictionary(variables.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        pages = variables.map { pageOfVariable[$0.name] ?? 0 }
        // Stored instruments were checked before they were loaded: every rule parses.
        rules = variables.map { variable in variable.relevant.flatMap { try? RuleExpression(parsing: $0) } }
    }

    /// The outcome of every variable, by position, given every final answer of the attempt by
    /// position (nil where there is none).
    public func outcomes(answers: [AnswerValue?], progress: AttemptProgress) -> [VariableOutcome] {
        guard progress.opened else { return Array(repeating: .missing(.notAdministered), count: variables.count) }
        return variables.indices.map { index in
            // A rule that hides the variable on the final answers wins over an answer given before
            // the participant changed course: the final path skips it (as ODK clears such answers).
            if let rule = rules[index], !rule.evaluate({ name in positions[name].flatMap { answers[$0] }?.ruleValue ?? .missing }) {
                return .missing(.hiddenByRule)
            }
            if let value = answers[index], value.ruleValue != .missing {
                return .answered(value)
            }
            if pages[index] <= progress.furthestPage {
                return .missing(.noResponse)
            }
            return .missing(progress.timedOut ? .timedOut : .notReached)
        }
    }
}
