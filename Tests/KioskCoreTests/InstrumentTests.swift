import Foundation
import Testing
@testable import KioskCore

@Suite("Instrument model")
struct InstrumentTests {
    private func cleanStudentInstrument() throws -> Instrument {
        try JSONDecoder().decode(Instrument.self, from: BundleFixtures.data("bundles/clean/instruments/g4_student_1.json"))
    }

    @Test func decodesEveryItemType() throws {
        let instrument = try cleanStudentInstrument()
        #expect(instrument.id == "G4-STU-1")
        #expect(instrument.audience == Audience(role: .student, grades: [4]))
        #expect(instrument.sections.map(\.id) == ["A", "B"])
        #expect(instrument.sections[1].pages[0].title == nil)
        #expect(instrument.items.map(\.type) == [
            .instruction, .singleChoice, .integer, .dropdown, .singleChoice, .multipleChoice, .decimal, .matrix,
            .shortText, .longText,
        ])
        let items = Dictionary(uniqueKeysWithValues: instrument.items.map { ($0.name, $0) })
        #expect(items["SQ01"]?.requirement == .required)
        #expect(items["SQ02"]?.kind == .integer(min: 6, max: 16, unit: LocalizedText(zhCN: "岁", en: "years")))
        #expect(items["SQ03"]?.requirement == .optional)
        #expect(items["SQ05"]?.relevant == "${SQ04} = 1")
        #expect(items["SQ06"]?.kind == .decimal(min: 4, max: 14, decimals: 1, unit: LocalizedText(zhCN: "小时", en: "hours")))
        #expect(items["SQ08"]?.kind == .shortText(maxLength: 50))
        #expect(items["SQ09"]?.kind == .longText(maxLength: Item.defaultLongTextLength))
        guard case .multipleChoice(let options, 1, 3)? = items["SQ05"]?.kind else {
            Issue.record("SQ05 is not a multiple choice with limits 1...3")
            return
        }
        #expect(options.map(\.code) == [1, 2, 3, 4])
    }

    @Test func variablesExpandMatricesAndSkipInstructions() throws {
        let variables = try cleanStudentInstrument().variables
        #expect(variables.map(\.name) == ["SQ01", "SQ02", "SQ03", "SQ04", "SQ05", "SQ06", "SQ07a", "SQ07b", "SQ08", "SQ09"])
        let statement = variables[6]
        #expect(statement.itemName == "SQ07")
        #expect(statement.itemType == .matrix)
        #expect(statement.requirement == .soft)
        #expect(statement.label.zhCN == "我喜欢我的学校")
        guard case .choice(let scale) = statement.answer else {
            Issue.record("a matrix statement is answered on its scale")
            return
        }
        #expect(scale.map(\.code) == [1, 2, 3, 4])
        #expect(variables[1].answer == .integer(min: 6, max: 16))
        #expect(variables[5].answer == .decimal(min: 4, max: 14, decimals: 1))
        #expect(variables[8].answer == .text(maxLength: 50))
        #expect(variables[8].relevant == "${SQ07a} <= 2")
    }

    @Test func canonicalJSONIgnoresLayoutKeyOrderDefaultsAndUnknownFields() throws {
        let compact = """
            {"version":"1","id":"X","audience":{"role":"teacher"},"title":{"zh-CN":"问卷"},
             "sections":[{"pages":[{"items":[{"type":"short_text","label":{"zh-CN":"题"},"name":"Q1"}],"id":"P"}],
             "title":{"zh-CN":"部分"},"id":"S"}]}
            """
        let spelledOut = """
            {
              "id": "X", "version": "1", "title": {"zh-CN": "问卷"}, "audience": {"role": "teacher", "grades": null},
              "sections": [{"id": "S", "title": {"zh-CN": "部分"}, "pages": [{"id": "P", "items": [
                {"name": "Q1", "type": "short_text", "label": {"zh-CN": "题"}, "requirement": "optional",
                 "maxLength": 100, "comment": "ignored by the kiosk"}
              ]}]}]
            }
            """
        let changed = spelledOut.replacingOccurrences(of: "\"题\"", with: "\"另一题\"")
        let decode = { (text: String) in try JSONDecoder().decode(Instrument.self, from: Data(text.utf8)) }
        let canonical = try decode(compact).canonicalJSON()
        #expect(try decode(spelledOut).canonicalJSON() == canonical)
        #expect(try decode(changed).canonicalJSON() != canonical)
        let text = try #require(String(data: canonical, encoding: .utf8))
        #expect(text.hasPrefix(#"{"audience":{"role":"teacher"},"id":"X","sections":[{"id":"S","pages":[{"id":"P","items":[{"label":{"zh-CN":"题"},"maxLength":100,"name":"Q1","requirement":"optional","type":"short_text"}]}]"#))
        #expect(!text.contains(" "))
    }

    @Test func encodingRoundTripsWithoutAnyDiagnostic() throws {
        let instrument = try cleanStudentInstrument()
        let encoded = try JSONEncoder().encode(instrument)
        let log = DiagnosticLog(file: "round-trip.json")
        let reread = Instrument(reading: JSONNode(try JSONDecoder().decode(JSONValue.self, from: encoded), log: log))
        #expect(log.diagnostics.isEmpty, "\(log.diagnostics)")
        #expect(reread == instrument)
    }

    @Test func decodingThrowsTheFirstErrorWithItsPath() {
        let json = Data(#"{"name": "Q1", "type": "integer", "label": {"zh-CN": "题"}, "min": 5}"#.utf8)
        #expect {
            try JSONDecoder().decode(Item.self, from: json)
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.debugDescription == "$.max: missing_field: missing field max"
        }
    }

    @Test func decodingIgnoresUnknownFields() throws {
        let json = Data(#"{"name": "Q1", "type": "instruction", "label": {"zh-CN": "说明"}, "note": "x", "requirement": "required"}"#.utf8)
        let item = try JSONDecoder().decode(Item.self, from: json)
        #expect(item.kind == .instruction)
        #expect(item.requirement == .optional)
        #expect(item.variables.isEmpty)
    }

    @Test func variableNamesClashIgnoringCaseAcrossItemsAndStatements() {
        let json = """
            {"id": "S", "title": {"zh-CN": "部分"}, "pages": [{"id": "P", "items": [
              {"name": "Q1", "type": "integer", "label": {"zh-CN": "一"}, "min": 0, "max": 1},
              {"name": "M", "type": "matrix", "label": {"zh-CN": "矩阵"}, "scale": [{"code": 1, "label": {"zh-CN": "是"}}],
               "statements": [{"name": "q1", "label": {"zh-CN": "陈述"}}]}
            ]}]}
            """
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Instrument.Section.self, from: Data(json.utf8))
        }
    }
}
