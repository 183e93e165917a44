import Crypto
import Foundation
import GRDB
import KioskCore
import KioskExport
import KioskStorage
import KioskTestSupport
import Testing

/// The export of a fixed day of data: every file against its golden copy, the missing reasons, the
/// round trip back to the database, CSV safety and determinism.
@Suite final class ExportTests {
    let scenario: ExportScenario
    static let goldenFolder = Repository.root + "/Tests/Fixtures/export-golden"
    /// The files compared byte for byte; the SPSS and Stata files through the manifest's SHA-256.
    static let goldenFiles = [
        "responses-G4-STU-1.csv", "answer-events.ndjson", "codebook.csv", "paradata-pages.csv", "paradata-items.csv",
        "completion-report.csv", "participants.csv", "incidents.csv", "manifest.json",
    ]

    init() throws {
        scenario = try ExportScenario()
    }

    func read(_ folder: TemporaryDirectory, _ name: String) throws -> String {
        try String(contentsOfFile: folder.path + "/" + name, encoding: .utf8)
    }

    func responses(_ folder: TemporaryDirectory) throws -> [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: CSVReading.records(try read(folder, "responses-G4-STU-1.csv")).map { ($0["participant_id"]!, $0) })
    }

    @Test func everyFileMatchesItsGoldenCopy() throws {
        let (folder, _) = try scenario.export()
        if ProcessInfo.processInfo.environment["KIOSK_UPDATE_GOLDEN"] == "1" {
            for name in Self.goldenFiles {
                try? FileManager.default.removeItem(atPath: Self.goldenFolder + "/" + name)
                try FileManager.default.copyItem(atPath: folder.path + "/" + name, toPath: Self.goldenFolder + "/" + name)
            }
        }
        for name in Self.goldenFiles {
            let golden = try String(contentsOfFile: Self.goldenFolder + "/" + name, encoding: .utf8)
            #expect(try read(folder, name) == golden, "\(name) differs from Tests/Fixtures/export-golden/\(name)")
        }
    }

    @Test func theSameDataGivesTheSameBytes() throws {
        let (_, first) = try scenario.export()
        let (_, second) = try scenario.export()
        #expect(first == second)
        #expect(first.files.map(\.name).contains("responses-G4-STU-1.sav"))
    }

    @Test func eachMissingReasonHasItsCode() throws {
        let (folder, _) = try scenario.export()
        let rows = try responses(folder)
        let complete = try #require(rows["G4S001"])
        #expect(complete["status"] == "submitted")
        #expect(complete["S1Q01"] == "2", "the last answer is the one exported")
        #expect(complete["S1Q05_1"] == "1" && complete["S1Q05_2"] == "1" && complete["S1Q05_3"] == "0")
        #expect(complete["S1Q02"] == "99", "no response on a reached page")
        #expect(complete["S1Q08"] == "97", "hidden by S1Q07 = 1")
        #expect(complete["S1Q17"] == "8.5")
        #expect(complete["S1Q37"] == "999", "an integer allowing values up to 95 or more gets widened codes")

        let stopped = try #require(rows["G4S002"])
        #expect(stopped["S1Q06"] == "98" && stopped["S1Q05_1"] == "99", "not reached after the page submitted on")
        let timedOut = try #require(rows["G4S003"])
        #expect(timedOut["status"] == "timed_out")
        #expect(timedOut["S1Q08"] == "1" && timedOut["S1Q06"] == "99")
        #expect(timedOut["S1Q13"] == "96" && timedOut["S1Q43"] == "96", "timed out before reaching the page")
        let neverOpened = try #require(rows["G4S004"])
        #expect(neverOpened["S1Q01"] == "95" && neverOpened["started_at"] == "")
        let absent = try #require(rows["G4S005"])
        #expect(absent["status"] == "absent" && absent["S1Q01"] == "95" && absent["S1Q43"] == "95")
        #expect(rows["G4S006"]?["status"] == "not_logged_in")
    }

    @Test func theWideCSVReadsBackAsTheDatabase() throws {
        let (folder, manifest) = try scenario.export()
        let rows = try responses(folder)
        let answers = try scenario.kiosk.application.database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.participant_id, n.variable, n.value FROM answer n JOIN attempt a ON a.id = n.attempt_id
                WHERE n.value != 'null'
                """)
        }
        #expect(answers.count >= 10)
        let layout = WideLayout(instrument: try demoInstrument(), missingCodes: .standard)
        for row in answers {
            let participant: String = row["participant_id"]
            let variable: String = row["variable"]
            let value = try AnswerValue(json: row["value"])
            let exported = try #require(rows[participant])
            switch value {
            case .number(let number): #expect(Double(exported[variable] ?? "") == number, "\(participant) \(variable)")
            case .text(let text): #expect(exported[variable] == "'" + text || exported[variable] == text, "\(participant) \(variable)")
            case .codes(let codes):
                for column in layout.columns where column.variable?.name == variable {
                    guard case .option(_, let code) = column.source else { continue }
                    #expect(exported[column.name] == (codes.contains(code) ? "1" : "0"), "\(participant) \(column.name)")
                }
            case .cleared: break
            }
        }
        let responsesFile = try #require(manifest.files.first { $0.name == "responses-G4-STU-1.csv" })
        #expect(responsesFile.rows == rows.count)
    }

    @Test func csvCellsAreQuotedAndFormulasNeutralised() throws {
        let (folder, _) = try scenario.export()
        let text = try read(folder, "responses-G4-STU-1.csv")
        #expect(text.contains("\"'=1+1 \"\"引号\"\", 逗号\r\n第二行\""))
        #expect(try responses(folder)["G4S001"]?["S1Q43"] == "'=1+1 \"引号\", 逗号\r\n第二行")
        #expect(!text.hasPrefix("\u{FEFF}"))
        let (withBOM, _) = try scenario.export(ExportOptions(sessionID: ExportScenario.sessionID, byteOrderMark: true))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: withBOM.path + "/responses-G4-STU-1.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test func theManifestHashesEveryFile() throws {
        let (folder, manifest) = try scenario.export()
        let listed = Set(manifest.files.map(\.name))
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)).subtracting(["manifest.json"])
        #expect(listed == present)
        for file in manifest.files {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + file.name))
            #expect(data.count == file.bytes)
            #expect(SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() == file.sha256, "\(file.name)")
        }
    }

    @Test func anExportLimitedToSomeGroupsWritesOnlyThoseAndTheSameBytes() throws {
        let (whole, wholeManifest) = try scenario.export()
        let (folder, manifest) = try scenario.export(ExportOptions(sessionID: ExportScenario.sessionID, parts: [.responses, .paradata], wideFormats: [.csv, .sav]))
        let written = ["responses-G4-STU-1.csv", "responses-G4-STU-1.sav", "paradata-pages.csv", "paradata-items.csv"]
        #expect(manifest.files.map(\.name) == written)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == Set(written + ["manifest.json"]))
        for file in manifest.files {
            #expect(wholeManifest.files.first { $0.name == file.name } == file, "\(file.name) is the same in the whole export")
        }
        #expect(try read(folder, "responses-G4-STU-1.csv") == read(whole, "responses-G4-STU-1.csv"))
        #expect(manifest.events.since == 0 && manifest.events.next == 0, "no event log written: the cursor stays where it was")
        #expect(ExportPart(writing: "responses-G4-STU-1.dta") == .responses)
        #expect(ExportPart(writing: "audit-log.csv") == .reports)
        #expect(ExportPart(writing: "manifest.json") == nil)
        #expect(ExportPart(writing: "responses-G4-STU-1.xlsx") == nil)
    }

    @Test func settableMissingCodesAreUsedAndWidened() throws {
        let codes = try MissingCodes(parsing: "no_response=9,not_reached=8,hidden_by_rule=7,timed_out=6,not_administered=5")
        let (folder, _) = try scenario.export(ExportOptions(sessionID: ExportScenario.sessionID, wideFormats: [.csv], missingCodes: codes))
        let complete = try #require(try responses(folder)["G4S001"])
        #expect(complete["S1Q02"] == "99", "S1Q02 allows values up to 9 or more: its codes are widened")
        #expect(complete["S1Q08"] == "7")
        #expect(throws: MissingCodesError.notDistinct) { try MissingCodes(parsing: "no_response=9,not_reached=9") }
        #expect(MissingCodes.standard.codes(above: 120) == [.noResponse: 999, .notReached: 998, .hiddenByRule: 997, .timedOut: 996, .notAdministered: 995])
    }

    func demoInstrument() throws -> Instrument {
        try JSONDecoder().decode(Instrument.self, from: Data(contentsOf: AnsweringFixture.demoFolder.appendingPathComponent("instruments/G4-STU-1.json")))
    }
}
