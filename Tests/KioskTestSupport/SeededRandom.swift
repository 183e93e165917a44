/// A random number generator with a fixed seed (SplitMix64), so a fuzz test draws the same cases on
/// every run and a failure can be replayed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// One of `choices`.
    public mutating func pick<Element>(_ choices: [Element]) -> Element {
        choices[Int.random(in: 0..<choices.count, using: &self)]
    }

    /// A string of `length` scalars drawn from `alphabet`.
    public mutating func string(from alphabet: [String], length: Int) -> String {
        (0..<length).map { _ in pick(alphabet) }.joined()
    }
}
