import Foundation
import KioskCore
import Testing

/// Runs every case of `Tests/Vectors/rules.json`, the file that `web/shared/rules.js` is held to
/// as well, so that the server and the browser agree on every rule.
@Suite("Shared skip-rule vectors")
struct RuleVectorTests {
    @Test("the file holds enough cases")
    func fileHoldsEnoughCases() throws {
        let cases = try RuleVector.all()
        #expect(cases.count >= 150)
        #expect(cases.contains { $0.error })
    }

    @Test("each vector", arguments: try RuleVector.all())
    func vector(_ vector: RuleVector) throws {
        if vector.error {
            let error = #expect(throws: RuleSyntaxError.self, "\(vector.rule) should not parse") {
                try RuleExpression(parsing: vector.rule)
            }
            guard let error else { return }
            #expect(error.code == vector.code, "code of \(vector.rule)")
            #expect(error.offset == vector.offset, "offset of \(vector.rule)")
            if let messages = vector.messages {
                #expect(error.chineseMessage == messages.chinese, "zh-CN message of \(vector.rule)")
                #expect(error.englishMessage == messages.english, "en message of \(vector.rule)")
            }
        } else {
            let rule = try RuleExpression(parsing: vector.rule)
            #expect(rule.evaluate(answers: vector.answers) == vector.expect, "value of \(vector.rule)")
        }
    }
}

/// One case of `rules.json`.
struct RuleVector: Decodable, Sendable, CustomTestStringConvertible {
    struct Messages: Decodable, Sendable {
        let chinese: String
        let english: String

        enum CodingKeys: String, CodingKey {
            case chinese = "zh-CN"
            case english = "en"
        }
    }

    let rule: String
    let answers: [String: RuleValue]
    let expect: Bool?
    let error: Bool
    let code: String?
    let offset: Int?
    let messages: Messages?

    var testDescription: String { rule }

    enum CodingKeys: String, CodingKey {
        case rule, answers, expect, error, code, offset, messages
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rule = try container.decode(String.self, forKey: .rule)
        let vectorAnswers = try container.decodeIfPresent([String: VectorAnswer].self, forKey: .answers) ?? [:]
        answers = vectorAnswers.mapValues(\.value)
        expect = try container.decodeIfPresent(Bool.self, forKey: .expect)
        error = try container.decodeIfPresent(Bool.self, forKey: .error) ?? false
        code = try container.decodeIfPresent(String.self, forKey: .code)
        offset = try container.decodeIfPresent(Int.self, forKey: .offset)
        messages = try container.decodeIfPresent(Messages.self, forKey: .messages)
    }

    static func all() throws -> [RuleVector] {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Vectors/rules.json")
        struct Document: Decodable {
            let cases: [RuleVector]
        }
        return try JSONDecoder().decode(Document.self, from: Data(contentsOf: file)).cases
    }
}

/// An answer as the vectors write it: `null`, a number, a string, or a list of option codes.
private struct VectorAnswer: Decodable {
    let value: RuleValue

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .missing
        } else if let number = try? container.decode(Double.self) {
            value = .number(number)
        } else if let text = try? container.decode(String.self) {
            value = .text(text)
        } else {
            value = .selection(try container.decode([Int].self))
        }
    }
}
