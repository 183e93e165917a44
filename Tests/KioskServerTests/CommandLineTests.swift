import Foundation
import KioskServer
import KioskStorage
import KioskTestSupport
import Testing

/// The commands a school's IT person types, run as they run them.
@Suite struct CommandLineTests {
    /// Runs the built `kiosk` with `arguments`; returns its exit status and standard output.
    static func kiosk(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
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

    @Test func staffAccountsAreAddedListedChangedAndDisabledWithHashedPasswords() throws {
        let data = try TemporaryDirectory()
        let added = try Self.kiosk(["staff", "add", "王老师", "--role", "proctor", "--password-stdin", "--data", data.path],
                                   input: "long enough secret\n")
        #expect(added.status == 0, "\(added.output)")
        let again = try Self.kiosk(["staff", "add", "王老师", "--role", "officer", "--password-stdin", "--data", data.path],
                                   input: "another secret\n")
        #expect(again.status != 0 && again.output.contains("an account named 王老师 exists"))
        let short = try Self.kiosk(["staff", "add", "李老师", "--role", "proctor", "--password-stdin", "--data", data.path],
                                   input: "short\n")
        #expect(short.status != 0 && short.output.contains("8 to 256 characters"))
        let badRole = try Self.kiosk(["staff", "add", "李老师", "--role", "principal", "--password-stdin", "--data", data.path],
                                     input: "long enough secret\n")
        #expect(badRole.status != 0)
        let noTerminal = try Self.kiosk(["staff", "add", "李老师", "--role", "proctor", "--data", data.path])
        #expect(noTerminal.status != 0 && noTerminal.output.contains("--password-stdin"))
        #expect(try Self.kiosk(["staff", "disable", "王老师", "--data", data.path]).status == 0)
        let listed = try Self.kiosk(["staff", "list", "--data", data.path])
        #expect(listed.output.contains("王老师\tproctor") && listed.output.contains("disabled"))
        #expect(try Self.kiosk(["staff", "password", "王老师", "--password-stdin", "--data", data.path], input: "a new secret 123\n").status == 0)
        #expect(try !Self.kiosk(["staff", "list", "--data", data.path]).output.contains("disabled"))

        let database = try KioskDatabase(path: data.path + "/kiosk.sqlite")
        defer { try? database.close() }
        let account = try #require(try database.pool.read { db in try StaffAccount.fetch(name: "王老师", db) })
        #expect(account.passwordHash.hasPrefix("scrypt$") && !account.passwordHash.contains("secret"))
        #expect(SecretHasher().verify(secret: "a new secret 123", against: account.passwordHash))
        let actions = try database.pool.read { db in try AuditEntry.all(db).map(\.action) }
        #expect(actions == ["staff.add", "staff.disable", "staff.password"])
    }
}
