import Foundation

/// A participant's secret for logging in, printed on the login slip: nine characters in groups of
/// three for reading aloud, `K7R-MX4-PT9`.
///
/// The alphabet has the ten digits and the twenty letters that do not look like them or like each
/// other: no `O` (0), `I` and `L` (1), `Z` (2), `S` (5), `B` (8). Nine characters of thirty give
/// 30⁹ ≈ 2⁴⁴ codes, past the 2⁴⁰ that keeps guessing hopeless when logins are throttled.
///
/// What a participant types is normalised before it is compared (``init(typed:)``): case,
/// full-width forms from a Chinese input method, spaces and dashes are ignored, and each left-out
/// letter is read as the digit it looks like, since the alphabet gives it no other meaning.
public struct AccessCode: Sendable, Hashable, CustomStringConvertible {
    /// The characters codes are made of, in this order.
    public static let alphabet: [Character] = Array("0123456789ACDEFGHJKMNPQRTUVWXY")
    /// The number of characters in a code.
    public static let length = 9
    /// The number of characters between dashes when a code is printed.
    public static let groupLength = 3
    /// The left-out letters and the digit each is read as.
    public static let lookAlikes: [Character: Character] = ["O": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "B": "8"]

    /// The entropy of a random code in bits: `length × log2(alphabet.count)`, about 44.2.
    public static var entropyBits: Double {
        Double(length) * log2(Double(alphabet.count))
    }

    /// The code's characters without dashes, `K7RMX4PT9`: what the server hashes and compares.
    public let normalized: String

    /// Reads what a participant typed, or `nil` when it cannot be a code: after ignoring case,
    /// full-width forms, whitespace and dashes, and reading look-alike letters as their digits,
    /// exactly ``length`` characters of the alphabet must remain.
    public init?(typed text: String) {
        let separators: Set<Character> = ["-", "_", ".", "·", "‐", "‑", "‒", "–", "—", "―", "−"]
        var characters: [Character] = []
        for character in text.precomposedStringWithCompatibilityMapping.uppercased() {
            if character.isWhitespace || separators.contains(character) { continue }
            let character = Self.lookAlikes[character] ?? character
            guard Self.alphabetSet.contains(character) else { return nil }
            characters.append(character)
        }
        guard characters.count == Self.length else { return nil }
        normalized = String(characters)
    }

    /// A code of exactly ``length`` alphabet characters.
    init(validCharacters characters: [Character]) {
        precondition(characters.count == Self.length && characters.allSatisfy(Self.alphabetSet.contains))
        normalized = String(characters)
    }

    /// The code as printed, in dash-separated groups: `K7R-MX4-PT9`.
    public var formatted: String {
        stride(from: 0, to: Self.length, by: Self.groupLength)
            .map { start in
                let group = normalized.dropFirst(start).prefix(Self.groupLength)
                return String(group)
            }
            .joined(separator: "-")
    }

    public var description: String {
        formatted
    }

    private static let alphabetSet = Set(alphabet)
}
