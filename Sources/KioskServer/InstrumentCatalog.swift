import Foundation
import GRDB
import KioskCore
import KioskHTTP
import KioskStorage
import Synchronization

/// An instrument as the answering path needs it: its variables by name, its skip rules parsed,
/// and its JSON ready to send.
struct PreparedInstrument: Sendable {
    let instrument: Instrument
    /// The canonical JSON the browser renders.
    let json: [UInt8]
    let variables: [String: AnswerVariable]
    /// The parsed display condition of each variable that has one.
    let rules: [String: RuleExpression]
    /// How many pages the participant goes through.
    let pageCount: Int
    /// The variables each skip rule reads, by the variable the rule belongs to.
    let ruleInputs: [String: Set<String>]

    init(instrument: Instrument) {
        self.instrument = instrument
        json = Array(instrument.canonicalJSON())
        let all = instrument.variables
        variables = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var rules: [String: RuleExpression] = [:]
        for variable in all {
            // The bundle was checked before it was loaded: every stored rule parses.
            if let relevant = variable.relevant, let rule = try? RuleExpression(parsing: relevant) {
                rules[variable.name] = rule
            }
        }
        self.rules = rules
        ruleInputs = rules.mapValues { Set($0.referencedNames) }
        pageCount = instrument.sections.reduce(0) { $0 + $1.pages.count }
    }

    /// The stored answers that checking answers to `variables` needs: those their skip rules read.
    func ruleInputs(of variables: [String]) -> Set<String> {
        variables.reduce(into: Set<String>()) { inputs, name in inputs.formUnion(ruleInputs[name] ?? []) }
    }

    /// How far the answers go: the variables the skip rules show, and how many of them are answered.
    func progress(of answers: [String: AnswerValue]) -> (answered: Int, answerable: Int) {
        var answered = 0
        var answerable = 0
        for name in variables.keys {
            if let rule = rules[name], !rule.evaluate({ answers[$0]?.ruleValue ?? .missing }) { continue }
            answerable += 1
            if answers[name] != nil { answered += 1 }
        }
        return (answered, answerable)
    }
}

/// Prepared instruments by fingerprint, read from the database once each.
///
/// A sealed instrument is not in the database in the clear: it enters the catalog only when a
/// proctor unseals it with the day's key (``unseal(_:key:)``), and lives in this process's memory
/// alone, so a restarted server has it locked again until the key is entered once more.
final class InstrumentCatalog: Sendable {
    private let database: KioskDatabase
    private let prepared = Mutex<[String: PreparedInstrument]>([:])

    init(database: KioskDatabase) {
        self.database = database
    }

    /// The instrument with this fingerprint; throws ``locked`` while it is sealed.
    func instrument(fingerprint: String) throws -> PreparedInstrument {
        if let cached = prepared.withLock({ $0[fingerprint] }) { return cached }
        return try database.pool.read { db in try instrument(fingerprint: fingerprint, db) }
    }

    /// The instrument with this fingerprint, read (the first time) in the caller's transaction;
    /// throws ``locked`` while it is sealed.
    func instrument(fingerprint: String, _ db: Database) throws -> PreparedInstrument {
        if let cached = prepared.withLock({ $0[fingerprint] }) { return cached }
        let row = try Row.fetchOne(db, sql: "SELECT definition, envelope FROM instrument WHERE hash = ?", arguments: [fingerprint])
        guard let row else { throw InstrumentCatalogError.missing(fingerprint) }
        guard let definition = row["definition"] as String? else { throw Self.locked }
        let instrument = try JSONDecoder().decode(Instrument.self, from: Data(definition.utf8))
        let ready = PreparedInstrument(instrument: instrument)
        prepared.withLock { $0[fingerprint] = ready }
        return ready
    }

    /// Whether the instrument with this fingerprint is at hand: stored in the clear, or sealed and
    /// unsealed since this process started.
    func isUnlocked(fingerprint: String, _ db: Database) throws -> Bool {
        if prepared.withLock({ $0[fingerprint] != nil }) { return true }
        return try InstalledBundle.sealedInstrument(fingerprint: fingerprint, db) == nil
    }

    /// Whether the sealed instrument with this fingerprint has been unsealed.
    func isUnsealed(fingerprint: String) -> Bool {
        prepared.withLock { $0[fingerprint] != nil }
    }

    /// Opens a sealed instrument with the day's key and keeps it, in memory only. Runs scrypt:
    /// call it off the event loop.
    @discardableResult
    func unseal(_ sealed: SealedInstrument, key: DayKey) throws(InstrumentSeal.Failure) -> PreparedInstrument {
        if let cached = prepared.withLock({ $0[sealed.instrument.fingerprint] }) { return cached }
        let ready = PreparedInstrument(instrument: try InstrumentSeal.open(sealed, key: key))
        prepared.withLock { $0[sealed.instrument.fingerprint] = ready }
        return ready
    }

    /// The instruments unsealed so far, by fingerprint: what an export over HTTP can use.
    var unsealedInstruments: [String: Instrument] {
        prepared.withLock { $0.mapValues(\.instrument) }
    }

    /// The refusal while a participant's instrument is still sealed.
    static let locked = APIError(
        .conflict, code: "instrument_locked",
        message: "问卷已加密，正在等待监测员输入当日密钥，请稍候",
        messageEn: "The questionnaire is sealed: waiting for the proctor to enter the day's key")
}

enum InstrumentCatalogError: Error {
    case missing(String)
}
