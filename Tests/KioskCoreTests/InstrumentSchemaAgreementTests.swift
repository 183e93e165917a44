import Foundation
import Testing
@testable import KioskCore

/// The Swift half of the agreement with `docs/instrument.schema.json`: the instruments here that the
/// kiosk accepts, `Tests/web/test_instrument_schema.py` checks the schema accepts, and the
/// deliberately wrong ones both reject.
@Suite("Instrument format agreement")
struct InstrumentSchemaAgreementTests {
    static let validFiles = BundleFixtures.jsonFiles(in: BundleFixtures.root.appending(path: "instruments/valid"))
        + BundleFixtures.jsonFiles(in: BundleFixtures.bundle("clean").appending(path: "instruments"))
    static let demoFiles = BundleFixtures.jsonFiles(in: BundleFixtures.demoBundle.appending(path: "instruments"))
    /// Each named `CODE--what.json`, CODE being the diagnostic the kiosk must report.
    static let invalidFiles = BundleFixtures.jsonFiles(in: BundleFixtures.root.appending(path: "instruments/invalid"))

    private func diagnostics(of file: URL) throws -> [BundleDiagnostic] {
        let log = DiagnosticLog(file: file.lastPathComponent)
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: file))
        _ = Instrument(reading: JSONNode(value, log: log))
        return log.diagnostics
    }

    @Test(arguments: validFiles)
    func acceptsWithoutAWord(_ file: URL) throws {
        #expect(try diagnostics(of: file).isEmpty)
        _ = try JSONDecoder().decode(Instrument.self, from: Data(contentsOf: file))
    }

    @Test(arguments: demoFiles)
    func acceptsTheDemoInstruments(_ file: URL) throws {
        #expect(try diagnostics(of: file).filter { $0.severity == .error }.isEmpty)
    }

    @Test(arguments: invalidFiles)
    func rejectsWithTheNamedCode(_ file: URL) throws {
        let expectedCode = try #require(DiagnosticCode(rawValue: String(file.lastPathComponent.prefix { $0 != "-" })))
        let errors = try diagnostics(of: file).filter { $0.severity == .error }
        #expect(errors.map(\.code).contains(expectedCode), "\(errors)")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Instrument.self, from: Data(contentsOf: file))
        }
    }

    @Test func thereAreFilesToCompare() {
        #expect(Self.validFiles.count >= 5)
        #expect(Self.invalidFiles.count >= 20)
    }
}
