import Foundation
import KioskTestSupport
import Testing

/// The commands a school's IT person types, run as they run them.
@Suite struct CommandLineTests {
    /// Runs the built `kiosk` with `arguments`; returns its exit status and standard output.
    static func kiosk(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func checkPassesTheDemoBundle() throws {
        let result = try Self.kiosk(["check", Repository.root + "/Sources/kiosk/DemoBundle"])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func checkListsEveryProblemWithItsPlaceAndFails() throws {
        let result = try Self.kiosk(["check", Repository.root + "/Tests/Fixtures/bundles/broken"])
        #expect(result.status == 1)
        for expected in ["roster.csv:", "timetable.json $.sessions", "duplicate_variable", "rule_syntax", "invalid_time_zone", "session_overlap", "unknown_item_type"] {
            #expect(result.output.contains(expected), "missing \(expected)")
        }
    }

    @Test func initThenCodesWritesSlipsAndStoresNoCode() throws {
        let data = try TemporaryDirectory()
        let loaded = try Self.kiosk(["init", "--bundle", Repository.root + "/Sources/kiosk/DemoBundle", "--data", data.path])
        #expect(loaded.status == 0, "\(loaded.output)")
        #expect(loaded.output.contains("69 名参与者"))
        let codes = try Self.kiosk(["roster", "codes", "--data", data.path])
        #expect(codes.status == 0, "\(codes.output)")
        let csv = try String(contentsOfFile: data.file("login-codes.csv"), encoding: .utf8)
        let rows = csv.split(whereSeparator: \.isNewline).dropFirst()
        #expect(rows.count == 69)
        let html = try String(contentsOfFile: data.file("login-slips.html"), encoding: .utf8)
        let firstCode = try #require(rows.first?.split(separator: ",").last.map(String.init))
        #expect(html.contains(firstCode))
        let database = try Data(contentsOf: URL(fileURLWithPath: data.file("kiosk.sqlite")))
        #expect(database.range(of: Data(firstCode.replacingOccurrences(of: "-", with: "").utf8)) == nil)
    }

    @Test func initRefusesABrokenBundleAndLoadsNothing() throws {
        let data = try TemporaryDirectory()
        let result = try Self.kiosk(["init", "--bundle", Repository.root + "/Tests/Fixtures/bundles/broken", "--data", data.path])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: data.file("kiosk.sqlite")))
    }
}
