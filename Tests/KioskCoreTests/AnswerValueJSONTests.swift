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
}
