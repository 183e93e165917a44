import Foundation

/// The day's key that unseals sealed instruments: 20 characters in groups of four for typing,
/// `K7RM-X4PT-9ACD-EFGH-JKMN`, drawn from the ``AccessCode`` alphabet (no `O`, `I`, `L`, `Z`,
/// `S`, `B`). 30²⁰ ≈ 2⁹⁸ keys: far past the 80 bits an offline guess at a copied bundle must face.
///
/// The monitoring centre draws it when it seals a bundle and gives it to the proctors on the day;
/// the kiosk never writes it down. What a proctor types is normalised as an access code is
/// (case, full-width forms, spaces and dashes ignored, look-alike letters read as digits), and the
/// AES key is derived from ``normalized`` with scrypt.
public struct DayKey: Sendable, Hashable, CustomStringConvertible {
    /// The number of characters in a key.
    public static let length = 20
    /// The number of characters between dashes when a key is printed.
    public static let groupLength = 4

    /// The entropy of a random key in bits: `length × log2(alphabet.count)`, about 98.1.
    public static var entropyBits: Double {
        Double(length) * log2(Double(AccessCode.alphabet.count))
    }

    /// The key's characters without dashes: what scrypt is given, as UTF-8.
    public let normalized: String

    /// Reads what a proctor typed, or `nil` when it cannot be a key.
    public init?(typed text: String) {
        guard text.count <= 200 else { return nil }
        let separators: Set<Character> = ["-", "_", ".", "·", "‐", "‑", "‒", "–", "—", "―", "−"]
        var characters: [Character] = []
        for character in text.precomposedStringWithCompatibilityMapping.uppercased() {
            if character.isWhitespace || separators.contains(character) { continue }
            let character = AccessCode.lookAlikes[character] ?? character
            guard Self.alphabetSet.contains(character) else { return nil }
            characters.append(character)
        }
        guard characters.count == Self.length else { return nil }
        normalized = String(characters)
    }

    /// A new key from the operating system's secure random source.
    public static func random() -> DayKey {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A new key drawn from `source` (tests pass a seeded one).
    public static func random<Source: RandomNumberGenerator>(using source: inout Source) -> DayKey {
        let characters = (0..<length).map { _ in
            AccessCode.alphabet[Int.random(in: 0..<AccessCode.alphabet.count, using: &source)]
        }
        return DayKey(typed: String(characters))!
    }

    /// The key as printed, in dash-separated groups.
    public var formatted: String {
        stride(from: 0, to: Self.length, by: Self.groupLength)
            .map { String(normalized.dropFirst($0).prefix(Self.groupLength)) }
            .joined(separator: "-")
    }

    /// Never the key itself, so that it cannot reach a log by accident.
    public var description: String {
        "DayKey(…)"
    }

    private static let alphabetSet = Set(AccessCode.alphabet)
}
