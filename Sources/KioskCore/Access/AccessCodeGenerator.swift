/// Draws access codes uniformly from the ``AccessCode`` alphabet.
///
/// The operating system's generator by default; tests inject a seeded one.
///
///     var generator = AccessCodeGenerator()
///     let codes = generator.uniqueCodes(count: 60)
public struct AccessCodeGenerator<Source: RandomNumberGenerator> {
    private var source: Source

    /// A generator drawing from `source`.
    public init(source: Source) {
        self.source = source
    }

    /// A new random code.
    public mutating func next() -> AccessCode {
        let characters = (0..<AccessCode.length).map { _ in
            AccessCode.alphabet[Int.random(in: 0..<AccessCode.alphabet.count, using: &source)]
        }
        return AccessCode(validCharacters: characters)
    }

    /// `count` codes, no two alike.
    public mutating func uniqueCodes(count: Int) -> [AccessCode] {
        var seen: Set<AccessCode> = []
        var codes: [AccessCode] = []
        while codes.count < count {
            let code = next()
            if seen.insert(code).inserted {
                codes.append(code)
            }
        }
        return codes
    }
}

extension AccessCodeGenerator: Sendable where Source: Sendable {}

extension AccessCodeGenerator where Source == SystemRandomNumberGenerator {
    /// A generator drawing from the operating system's secure random source.
    public init() {
        self.init(source: SystemRandomNumberGenerator())
    }
}
