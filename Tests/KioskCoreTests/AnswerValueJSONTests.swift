import Foundation
import KioskCore
import Testing

/// The stored JSON of answers, written and read by hand on the autosave path: the same bytes
/// `JSONEncoder` writes, and every value read back as it was.
@Suite struct AnswerValueJSONTests {
    static let values: [AnswerValue] = [
        .cleared, .number(0), .number(-7), .number(8.5), .number(1e300), .number(0.1), .number(123_456_789_012),
        .codes([]), .codes([1]), .codes([3, 1, 97]), .codes([-2, 5]),
        .text(""), .text("你好"), .text("a \"quoted\" \\ back/slash"), .text("line\r\nbreak\ttab\u{8}\u{C}\u{1}\u{1F}"),
        .text("=1+1"), .text("😀 emoji"), .text("[1,2]"), .text("null"), .text("42"),
    ]

    @Test(arguments: values)
    func writesWhatJSONEncoderWritesAndReadsItBack(_ value: AnswerValue) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(value.json == String(decoding: try encoder.encode(value), as: UTF8.self))
        #expect(try AnswerValue(json: value.json) == value)
    }

    @Test func readsWhatOnlyJSONDecoderCan() throws {
        #expect(try AnswerValue(json: #""\u4f60""#) == .text("你"))
        #expect(try AnswerValue(json: "[ 1, 2 ]") == .codes([1, 2]))
        #expect(throws: (any Error).self) { try AnswerValue(json: "nan") }
        #expect(throws: (any Error).self) { try AnswerValue(json: "[1,") }
    }

    /// The bytes reader's shortcuts (whole numbers, code lists, plain strings) agree with
    /// `JSONDecoder` on every shape the writer produces, including the edges of the shortcuts.
    @Test func readsWhatJSONDecoderReads() throws {
        var generator = SystemRandomNumberGenerator()
        var texts = ["0", "-0", "-1", "999999999999999", "1000000000000000", "-999999999999999", "12345678901234567",
                     "[0]", "[-0]", "[1,-1]", "[999999999999999]", "[1000000000000000]", "\"\"", "\"x\""]
        for _ in 0 ..< 2_000 {
            let digits = Int.random(in: 1 ... 17, using: &generator)
            let magnitude = Int64.random(in: 0 ... (digits >= 18 ? Int64.max : Int64(pow(10.0, Double(digits))) - 1), using: &generator)
            let whole = Bool.random(using: &generator) ? -magnitude : magnitude
            texts.append(AnswerValue.number(Double(whole)).json)
            texts.append(AnswerValue.number(Double(whole) / 8).json)
            texts.append(AnswerValue.codes((0 ..< Int.random(in: 0 ... 5, using: &generator)).map { _ in Int.random(in: -99 ... 9_999) }).json)
        }
        for text in texts {
            let expected = try JSONDecoder().decode(AnswerValue.self, from: Data(text.utf8))
            #expect(try AnswerValue(json: text) == expected, "\(text)")
        }
    }
}
