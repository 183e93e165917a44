import Foundation
import Testing
@testable import KioskCore

@Suite("Roster CSV")
struct RosterCSVTests {
    private func roster(_ text: String) throws -> Roster {
        try Roster(csv: Data(text.utf8))
    }

    /// The diagnostics of a roster that does not read, as `line code`.
    private func problems(_ data: Data) -> [String] {
        do {
            _ = try Roster(csv: data)
            return []
        } catch {
            return error.diagnostics.map { "\($0.line.map(String.init) ?? "-") \($0.code.rawValue)" }
        }
    }

    @Test func readsEnglishHeadersWithQuotedFields() throws {
        let entries = try roster(
            "id,role,grade,class,name,gender,school\r\n"
                + "S1,student,4,4(1),\"Liam \"\"Li\"\" O'Brien, Jr.\",M,650102-017\r\n"
                + "P1,principal,,,王校长,女,650102-017\r\n"
        ).entries
        #expect(entries == [
            RosterEntry(id: "S1", role: .student, grade: 4, className: "4(1)", name: "Liam \"Li\" O'Brien, Jr.", gender: .male, school: "650102-017"),
            RosterEntry(id: "P1", role: .principal, name: "王校长", gender: .female, school: "650102-017"),
        ])
    }

    @Test func readsChineseHeadersInAnyOrderWithOptionalColumnsLeftOut() throws {
        let entries = try roster("姓名,角色,编号,年级\n张三,学生,G4001,4年级\n李老师,教师,T01,\n").entries
        #expect(entries == [
            RosterEntry(id: "G4001", role: .student, grade: 4, name: "张三"),
            RosterEntry(id: "T01", role: .teacher, name: "李老师"),
        ])
    }

    @Test func stripsTheUTF8ByteOrderMark() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("id,role,grade,name\nS1,student,4,张三\n".utf8)
        #expect(try Roster(csv: data).entries.map(\.id) == ["S1"])
    }

    @Test func readsGB18030() throws {
        // 编号,角色,年级,姓名 / S1,学生,4,张三 as a Chinese Excel saves it in GB18030 (GBK range).
        let header: [UInt8] = [0xB1, 0xE0, 0xBA, 0xC5, 0x2C, 0xBD, 0xC7, 0xC9, 0xAB, 0x2C, 0xC4, 0xEA, 0xBC, 0xB6, 0x2C, 0xD0, 0xD5, 0xC3, 0xFB]
        let row: [UInt8] = [0x53, 0x31, 0x2C, 0xD1, 0xA7, 0xC9, 0xFA, 0x2C, 0x34, 0x2C, 0xD5, 0xC5, 0xC8, 0xFD]
        let data = Data(header + [0x0D, 0x0A] + row + [0x0D, 0x0A])
        #expect(String(data: data, encoding: .utf8) == nil)
        let entries = try Roster(csv: data).entries
        #expect(entries == [RosterEntry(id: "S1", role: .student, grade: 4, name: "张三")])
    }

    @Test func rejectsBytesThatAreNeitherUTF8NorGB18030() {
        let utf16 = Data([0xFF, 0xFE]) + "id,role,name\n".data(using: .utf16LittleEndian)!
        #expect(problems(utf16) == ["- invalid_encoding"])
    }

    @Test func splitsRecordsOnCRLFLFAndCRAndKeepsLineBreaksInQuotes() throws {
        let records = CSVReader.records(in: "a,b\r\nc,\"d\r\ne\"\nf,g\rh,\"\"", log: DiagnosticLog(file: "x.csv"))
        #expect(records == [
            CSVRecord(fields: ["a", "b"], line: 1),
            CSVRecord(fields: ["c", "d\ne"], line: 2),
            CSVRecord(fields: ["f", "g"], line: 4),
            CSVRecord(fields: ["h", ""], line: 5),
        ])
    }

    @Test func keepsEmptyTrailingFieldsAndSkipsBlankLines() throws {
        let entries = try roster("id,role,grade,name,gender\n\nS1,student,4,张三,\n,,,,\n").entries
        #expect(entries == [RosterEntry(id: "S1", role: .student, grade: 4, name: "张三")])
    }

    @Test func namesTheLineOfEachProblem() {
        let csv = """
            id,role,grade,name,gender
            S1,student,4,张三,男
            S2,pupil,4,李四,男
            S3,student,,王五,女
            s1,student,4,赵六,女
            S4,student,4
            S5,student,4,孙七,X
            S-6,student,4,周八,M
            S7,student,4,"吴
            九",F
            S7,student,4,郑十,F

            """
        #expect(problems(Data(csv.utf8)) == [
            "3 invalid_role", "4 missing_grade", "5 duplicate_participant_id", "6 wrong_column_count",
            "7 invalid_gender", "8 invalid_identifier", "11 duplicate_participant_id",
        ])
    }

    @Test func reportsHeaderProblems() {
        #expect(problems(Data("编号,name,grade,编号\nS1,张三,4,S1\n".utf8)) == ["1 duplicate_column", "1 missing_column"])
        #expect(problems(Data("id,role,name\n".utf8)) == ["- empty_roster"])
    }

    @Test func reportsBrokenQuotesWithTheirLines() {
        #expect(problems(Data("id,role,name\nT1,teacher,\"张三\"x\nT2,teacher,\"李四\n".utf8)) == [
            "2 csv_syntax", "3 csv_syntax",
        ])
    }

    @Test func findsEntriesIgnoringCase() throws {
        let roster = try roster("id,role,name\nT01,teacher,李老师\n")
        #expect(roster.entry(withID: "t01")?.name == "李老师")
        #expect(roster.entry(withID: "T02") == nil)
    }
}
