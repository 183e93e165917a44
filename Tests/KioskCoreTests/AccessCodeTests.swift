import Testing
@testable import KioskCore

/// Deterministic randomness for tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Access codes")
struct AccessCodeTests {
    @Test func hasAtLeastFortyBitsOfEntropy() {
        #expect(AccessCode.entropyBits >= 40)
        var codes = 1.0
        for _ in 0..<AccessCode.length { codes *= Double(AccessCode.alphabet.count) }
        #expect(codes >= 1_099_511_627_776)
    }

    @Test func alphabetHasNoLookAlikes() {
        let alphabet = Set(AccessCode.alphabet)
        #expect(alphabet.count == AccessCode.alphabet.count)
        for pair in ["0O", "1IL", "2Z", "5S", "8B"] {
            #expect(alphabet.intersection(pair).count == 1, "one of \(pair)")
        }
        #expect(alphabet.isDisjoint(with: "OILZSB"))
        #expect(alphabet.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) })
    }

    @Test func generatesFormattedCodesFromTheAlphabet() {
        var generator = AccessCodeGenerator(source: SeededGenerator(state: 42))
        let codes = generator.uniqueCodes(count: 500)
        #expect(Set(codes).count == 500)
        for code in codes {
            #expect(code.normalized.count == 9)
            #expect(code.normalized.allSatisfy(AccessCode.alphabet.contains))
            #expect(code.formatted.count == 11)
            #expect(code.formatted.split(separator: "-").map(\.count) == [3, 3, 3])
            #expect(AccessCode(typed: code.formatted) == code)
        }
        let used = Set(codes.flatMap(\.normalized))
        #expect(used == Set(AccessCode.alphabet), "500 codes use every character")
    }

    @Test func systemGeneratorDrawsDifferentCodes() {
        var generator = AccessCodeGenerator()
        #expect(generator.next() != generator.next())
    }

    @Test func normalizesWhatPeopleType() throws {
        let code = try #require(AccessCode(typed: "K7R-MX4-PT9"))
        #expect(code.normalized == "K7RMX4PT9")
        #expect(code.formatted == "K7R-MX4-PT9")
        for typed in ["k7r mx4 pt9", "K7RMX4PT9", " k7r-mx4-pt9 ", "Ｋ７Ｒ－ＭＸ４－ＰＴ９", "K7R—MX4—PT9", "k7r\u{3000}mx4\u{3000}pt9"] {
            #expect(AccessCode(typed: typed) == code, "\(typed)")
        }
    }

    @Test func readsLeftOutLettersAsTheirDigits() {
        #expect(AccessCode(typed: "OIL-ZSB-ol0")?.normalized == "011258010")
        #expect(AccessCode(typed: "o1l-z5b-000")?.formatted == "011-258-000")
    }

    @Test func rejectsWhatCannotBeACode() {
        #expect(AccessCode(typed: "K7R-MX4-PT") == nil)
        #expect(AccessCode(typed: "K7R-MX4-PT99") == nil)
        #expect(AccessCode(typed: "K7R-MX4-PT!") == nil)
        #expect(AccessCode(typed: "张三三-MX4-PT9") == nil)
        #expect(AccessCode(typed: "") == nil)
    }
}
