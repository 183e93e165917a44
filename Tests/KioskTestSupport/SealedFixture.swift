import Foundation
import KioskCore
import KioskServer
import KioskStorage

/// The demo bundle with G4-STU-1 sealed under a known day's key, loaded into a data folder with
/// one proctor-started grade-4 session and access codes issued (cheap scrypt costs throughout, so
/// that tests stay fast).
public struct SealedFixture {
    /// The key the instrument is sealed with, as printed.
    public static let key = DayKey(typed: "K7RM-X4PT-9ACD-EFGH-JKMN")!
    /// A key of the right form that opens nothing.
    public static let wrongKey = DayKey(typed: "AAAA-CCCC-DDDD-EEEE-FFFF")!
    /// A question of G4-STU-1, found nowhere but in its plaintext.
    public static let question = "你是男生还是女生"
    /// A scrypt cost far below the standard one, allowed by the format.
    public static let testCost = (n: 1 << 10, r: 8, p: 1)

    public let sealed: SealedInstrument
    /// Participant ID → access code as printed.
    public let codes: [String: String]

    /// The demo bundle with G4-STU-1 sealed (cheaply) and `sessions` as its timetable.
    public static func bundle(sessions: [Session]) throws -> (DeploymentBundle, SealedInstrument) {
        var bundle = try DeploymentBundle.load(from: AnsweringFixture.demoFolder)
        let plain = try require_(bundle.instrument(withID: "G4-STU-1"), "G4-STU-1")
        let sealed = try InstrumentSeal.seal(plain, key: key, cost: testCost)
        bundle.instruments.removeAll { $0.id == plain.id }
        bundle.sealedInstruments = [sealed]
        bundle.timetable = Timetable(sessions: sessions)
        return (bundle, sealed)
    }

    /// Loads the sealed bundle into `database` and issues codes.
    public init(database: KioskDatabase, sessions: [Session], at now: Date) throws {
        let (bundle, sealed) = try Self.bundle(sessions: sessions)
        self.sealed = sealed
        _ = try BundleInstallation(bundle: bundle, fingerprints: bundle.fingerprints, actor: "test", now: now).install(into: database)
        var issuer = LoginSlipIssuer(database: database)
        issuer.hasher.rounds = 1 << 8
        let slips = try issuer.issue(all: true, actor: "test", now: now).slips
        codes = Dictionary(uniqueKeysWithValues: slips.map { ($0.participant.id, $0.accessCode.formatted) })
    }
}

/// A value that must be there, for support code outside a test.
func require_<Value>(_ value: Value?, _ what: String = #function) throws -> Value {
    guard let value else { throw FixtureMissing(what: what) }
    return value
}

struct FixtureMissing: Error {
    var what: String
}
