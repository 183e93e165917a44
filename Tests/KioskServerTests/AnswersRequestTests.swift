import Foundation
import KioskCore
import KioskHTTP
@testable import KioskServer
import KioskTestSupport
import Testing

/// The hand reader of autosave bodies takes only what `JSONDecoder` reads the same way, and hands
/// everything else to it.
@Suite struct AnswersRequestTests {
    private func decoded(_ body: String) -> AnswersRequest? {
        try? JSONDecoder().decode(AnswersRequest.self, from: Data(body.utf8))
    }

    private func read(_ body: String) -> AnswersRequest? {
        Array(body.utf8).withUnsafeBufferPointer { AnswersRequest.read($0) }
    }

    @Test func theBodiesBrowsersSendAreReadByHand() {
        let bodies = [
            #"{"answers":[{"item":"S1Q01","value":2,"seq":1}],"position":0,"clientTime":1796000000123}"#,
            #"{"answers":[{"seq":7,"value":[1,3,4],"item":"S1Q05"},{"item":"S1Q06","value":null,"seq":8}]}"#,
            #"{"answers":[{"item":"S2Q01","value":"每天 1 小时","seq":3}],"position":4}"#,
            #"{"answers":[{"item":"S2Q02","value":-1.5e2,"seq":4}, {"item":"S2Q03","value":[],"seq":5}]}"#,
            " {\n\t\"answers\" : [ ] , \"position\" : 2 }\r\n",
            #"{"answers":[{"item":"S2Q02","value":0.1,"seq":9}]}"#,
        ]
        for body in bodies {
            let request = read(body)
            #expect(request != nil, "\(body)")
            #expect(request == decoded(body), "\(body)")
        }
    }

    @Test func whatTheHandReaderDoesNotTakeGoesToJSONDecoder() {
        let bodies = [
            #"{"answers":[{"item":"S\u0031Q01","value":"a\"b","seq":1}]}"#,   // escapes
            #"{"answers":[],"extra":1}"#,                                     // a field the reader does not know
            #"{"answers":[],"answers":[]}"#,                                  // a field twice
            #"{"answers":[{"item":"Q","value":1,"seq":1.0}]}"#,               // a seq with a fraction
            #"{"answers":[{"item":"Q","value":true,"seq":1}]}"#,              // not an answer
            #"{"answers":[{"item":"Q","value":1e400,"seq":1}]}"#,             // not a finite number
            #"{"answers":[{"item":"Q","value":01,"seq":1}]}"#,                // not JSON
            #"{"answers":[{"item":"Q","value":[1.5],"seq":1}]}"#,             // codes that are not integers
            #"{"answers":[{"item":"Q","value":1,"seq":12345678901234567890}]}"#,
            #"{"answers":[{"item":"Q","value":1,"seq":1}]} x"#,
            #"{"answers":[{"item":"Q","value":1,"seq":1}]"#,
            #"{"position":1}"#, "null", "", "[]", "{", #"{"answers":[{"item":"Q","value":nul,"seq":1}]}"#,
        ]
        for body in bodies {
            #expect(read(body) == nil, "\(body)")
        }
        #expect(decoded(bodies[0])?.answers.first?.item == "S1Q01", "JSONDecoder still reads what the hand reader leaves")
    }

    @Test func generatedBodiesAreReadAsJSONDecoderReadsThem() {
        var random = SeededRandom(seed: 4_12_2026)
        let pieces = [
            #"{"#, #"}"#, #"["#, #"]"#, #","#, #":"#, " ", #""answers""#, #""item""#, #""value""#, #""seq""#,
            #""position""#, #""clientTime""#, #""S1Q01""#, "1", "0", "-3", "2.5", "1e3", "null", "true", #""文本""#,
            "[1,2]", "[]", "007", "-", "1.", #""\n""#,
        ]
        var hand = 0
        for _ in 0..<5_000 {
            let body: String
            if random.next() % 2 == 0 {
                // A well-formed body with a few answers, the shape browsers send.
                let answers = (0..<Int.random(in: 0...3, using: &random)).map { index in
                    let value = random.pick(["1", "-2", "3.25", "null", #""好""#, "[1,4]", "[]", "1E2", "[2.0]", "true"])
                    return #"{"item":"S\#(index)","value":\#(value),"seq":\#(random.pick(["1", "42", "0", "-1", "1.0"]))}"#
                }
                body = #"{"answers":[\#(answers.joined(separator: ","))]\#(random.pick(["", #","position":3"#, #","clientTime":-1"#, #","position":null"#]))}"#
            } else {
                body = (0..<Int.random(in: 1...12, using: &random)).map { _ in random.pick(pieces) }.joined()
            }
            guard let request = read(body) else { continue }
            hand += 1
            #expect(request == decoded(body), "\(body)")
        }
        #expect(hand > 1_000, "the hand reader took too few of the generated bodies to say much")
    }

    @Test func theContentTypeMustBeJSON() throws {
        let request = Request(method: .put, path: "/api/v1/attempt/answers", headerFields: [.contentType: "text/plain"],
                              body: Array(#"{"answers":[]}"#.utf8))
        #expect(throws: APIError.unsupportedMediaType) { try AnswersRequest(of: request) }
    }
}
