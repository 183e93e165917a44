import KioskCore

/// One answer as a browser sent it: the variable, the value, and the browser's sequence number.
public struct SubmittedAnswer: Sendable, Equatable {
    public var variable: String
    public var value: AnswerValue
    public var seq: Int64

    public init(variable: String, value: AnswerValue, seq: Int64) {
        self.variable = variable
        self.value = value
        self.seq = seq
    }
}
