import Foundation
import KioskCore
import KioskServer
import KioskStorage
import KioskTestSupport
import Testing

/// `kiosk check`, `seal`, `init` and `export` with sealed instruments: envelopes checked without the
/// key, content checked with it, and the commands run as the monitoring centre and a school run them.
@Suite struct SealedBundleCheckTests {
    /// A copy of the demo bundle with G4-STU-1 sealed (cheaply) under ``SealedFixture/key``.
    static func sealedBundle(proctorStart: Bool = true, edit: (inout [String: Any]) -> Void = { _ in }) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory("sealed-bundle")
        let source = AnsweringFixture.demoFolder
        let manager = FileManager.default
        for name in ["kiosk.json", "roster.csv", "instruments"] {
            try manager.copyItem(at: source.appending(path: name), to: URL(fileURLWithPath: folder.file(name)))
        }
        var timetable = try JSONSerialization.jsonObject(with: Data(contentsOf: source.appending(path: "timetable.json"))) as! [String: Any]
        var sessions = timetable["sessions"] as! [[String: Any]]
        for index in sessions.indices where sessions[index]["instrument"] as? String == "G4-STU-1" {
            sessions[index]["proctorStart"] = proctorStart
        }
        timetable["sessions"] = sessions
        try JSONSerialization.data(withJSONObject: timetable).write(to: URL(fileURLWithPath: folder.file("timetable.json")))
        let bundle = try DeploymentBundle.load(from: source)
        let sealed = try InstrumentSeal.seal(bundle.instrument(withID: "G4-STU-1")!, key: SealedFixture.key, cost: SealedFixture.testCost)
        var envelope = try JSONSerialization.jsonObject(with: sealed.encoded()) as! [String: Any]
        edit(&envelope)
        try manager.removeItem(atPath: folder.file("instruments/G4-STU-1.json"))
        try JSONSerialization.data(withJSONObject: envelope).write(to: URL(fileURLWithPath: folder.file("instruments/G4-STU-1.sealed.json")))
        return folder
    }

    static func codes(_ report: CheckReport) -> [String] {
        report.diagnostics.map(\.code.rawValue)
    }

    static func check(_ folder: TemporaryDirectory, key: DayKey? = nil) -> CheckReport {
        BundleChecker(opener: key.map(SealedInstrumentOpener.init(key:))).check(bundleAt: URL(fileURLWithPath: folder.path))
    }

    @Test func aSealedBundleChecksCleanWithAndWithoutTheKey() throws {
        let folder = try Self.sealedBundle()
        let report = Self.check(folder)
        #expect(report.isClean, "\(report)")
        #expect(report.bundle?.sealedInstruments.map(\.instrument.id) == ["G4-STU-1"])
        #expect(report.bundle?.instrument(withID: "G4-STU-1") == nil)
        let opened = Self.check(folder, key: SealedFixture.key)
        #expect(opened.isClean, "\(opened)")
        let wrong = Self.check(folder, key: SealedFixture.wrongKey)
        #expect(Self.codes(wrong) == ["seal_key_wrong"])
    }

    @Test func aSealedInstrumentNeedsAProctorStart() throws {
        let report = Self.check(try Self.sealedBundle(proctorStart: false))
        #expect(Self.codes(report).contains("sealed_without_proctor_start"))
        let line = try #require(report.diagnostics.first { $0.code == .sealedWithoutProctorStart })
        #expect(line.file == "timetable.json" && line.description.contains("proctorStart"))
    }

    @Test func aDamagedEnvelopeIsReportedWhereItIsDamaged() throws {
        let badNonce = Self.check(try Self.sealedBundle { envelope in
            var cipher = envelope["cipher"] as! [String: Any]
            cipher["nonce"] = "not base64!"
            envelope["cipher"] = cipher
        })
        #expect(Self.codes(badNonce) == ["invalid_seal"])
        #expect(badNonce.diagnostics.first?.description.contains("$.cipher.nonce") == true)

        let newer = Self.check(try Self.sealedBundle { $0["formatVersion"] = 2 })
        #expect(Self.codes(newer) == ["unsupported_seal_format"])

        let greedy = Self.check(try Self.sealedBundle { envelope in
            var kdf = envelope["kdf"] as! [String: Any]
            kdf["n"] = 1 << 30
            envelope["kdf"] = kdf
        })
        #expect(Self.codes(greedy) == ["out_of_range"], "a forged cost must not exhaust the server's memory")

        let broken = Self.check(try Self.sealedBundle { $0["cipher"] = "x" })
        #expect(Self.codes(broken) == ["wrong_type"])
    }

    @Test func anAlteredHeaderDoesNotOpen() throws {
        let folder = try Self.sealedBundle { envelope in
            var header = envelope["instrument"] as! [String: Any]
            header["version"] = "2026.2"
            envelope["instrument"] = header
        }
        #expect(Self.check(folder).isClean, "the envelope itself is well formed")
        #expect(Self.codes(Self.check(folder, key: SealedFixture.key)) == ["seal_key_wrong"])
        let sealed = try #require(Self.check(folder).bundle?.sealedInstruments.first)
        #expect(throws: InstrumentSeal.Failure.wrongKey) { try InstrumentSeal.open(sealed, key: SealedFixture.key) }
    }

    @Test func theDayKeyIsTypeable() throws {
        #expect(DayKey.entropyBits > 80)
        let key = DayKey.random()
        #expect(key.formatted.count == 24 && key.formatted.split(separator: "-").count == 5)
        #expect(DayKey(typed: key.formatted.lowercased().replacingOccurrences(of: "-", with: " ")) == key)
        #expect(DayKey(typed: "K7RM-X4PT-9ACD-EFGH-JKMN") == DayKey(typed: "ｋ7ｒｍ x4pt 9acd efgh jkmn"))
        #expect(DayKey(typed: "K7RM-X4PT-9ACD-EFGH-JKMO")?.normalized == "K7RMX4PT9ACDEFGHJKM0")
        #expect(DayKey(typed: "K7RM-X4PT-9ACD-EFGH") == nil)
        #expect(DayKey(typed: "K7RM-X4PT-9ACD-EFGH-JKM!") == nil)
        #expect(!"\(key)".contains(key.normalized), "the key never reaches a log through interpolation")
    }

    // MARK: - The commands

    @Test func sealCheckInitAndExportFromTheCommandLine() throws {
        let sealedFolder = try TemporaryDirectory("sealed-out")
        let out = sealedFolder.file("bundle")
        let plainSessions = try Self.kiosk(["seal", "--bundle", AnsweringFixture.demoFolder.path, "--out", out])
        #expect(plainSessions.status != 0 && plainSessions.output.contains("proctorStart"), "\(plainSessions.output)")

        let source = try Self.sealedBundle()
        try FileManager.default.removeItem(atPath: source.file("instruments/G4-STU-1.sealed.json"))
        try FileManager.default.copyItem(
            at: AnsweringFixture.demoFolder.appending(path: "instruments/G4-STU-1.json"), to: URL(fileURLWithPath: source.file("instruments/G4-STU-1.json")))
        let sealing = try Self.kiosk(["seal", "--bundle", source.path, "--out", out, "--instrument", "G4-STU-1"])
        #expect(sealing.status == 0, "\(sealing.output)")
        let printed = try #require(sealing.output.split(whereSeparator: \.isWhitespace).compactMap { DayKey(typed: String($0)) }.first)
        let sealedFile = try String(contentsOfFile: out + "/instruments/G4-STU-1.sealed.json", encoding: .utf8)
        #expect(!sealedFile.contains(SealedFixture.question) && sealedFile.contains("kiosk-sealed-instrument"))
        #expect(FileManager.default.fileExists(atPath: out + "/instruments/G8-STU-1.json"), "the others stay as they were")

        #expect(try Self.kiosk(["check", out]).status == 0)
        let keyFile = sealedFolder.file("day-key.txt")
        try (printed.formatted + "\n").write(toFile: keyFile, atomically: true, encoding: .utf8)
        #expect(try Self.kiosk(["check", out, "--key-file", keyFile]).status == 0)
        let wrong = try Self.kiosk(["check", out, "--key"], input: SealedFixture.wrongKey.formatted + "\n")
        #expect(wrong.status == 1 && wrong.output.contains("seal_key_wrong"), "\(wrong.output)")
        let typo = try Self.kiosk(["check", out, "--key"], input: "K7RM\n")
        #expect(typo.status != 0 && typo.output.contains("20"), "\(typo.output)")

        let data = try TemporaryDirectory()
        let loaded = try Self.kiosk(["init", "--bundle", out, "--data", data.path])
        #expect(loaded.status == 0 && loaded.output.contains("加密 sealed 1"), "\(loaded.output)")
        let database = try Data(contentsOf: URL(fileURLWithPath: data.file("kiosk.sqlite")))
        #expect(database.range(of: Data(SealedFixture.question.utf8)) == nil)

        let export = sealedFolder.file("export")
        let refused = try Self.kiosk(["export", "--data", data.path, "--out", export])
        #expect(refused.status != 0 && refused.output.contains("--key"), "\(refused.output)")
        let exported = try Self.kiosk(["export", "--data", data.path, "--out", export, "--key-file", keyFile])
        #expect(exported.status == 0, "\(exported.output)")
        let codebook = try String(contentsOfFile: export + "/codebook.csv", encoding: .utf8)
        #expect(codebook.contains(SealedFixture.question))
    }

    static func kiosk(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String) {
        try CommandLineTests.kiosk(arguments, input: input)
    }
}
