import Foundation
import GRDB
import KioskCore
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
final class InstrumentCatalog: Sendable {
    private let database: KioskDatabase
    private let prepared = Mutex<[String: PreparedInstrument]>([:])

    init(database: KioskDatabase) {
        self.database = database
    }

    /// The instrument with this fingerprint.
    func instrument(fingerprint: String) throws -> PreparedInstrument {
        if let cached = prepared.withLock({ $0[fingerprint] }) { return cached }
        return try database.pool.read { db in try instrument(fingerprint: fingerprint, db) }
    }

    /// The instrument with this fingerprint, read (the first time) in the caller's transaction.
    func instrument(fingerprint: String, _ db: Database) throws -> PreparedInstrument {
        if let cached = prepared.withLock({ $0[fingerprint] }) { return cached }
        let definition = try String.fetchOne(db, sql: "SELECT definition FROM instrument WHERE hash = ?", arguments: [fingerprint])
        guard let definition else { throw InstrumentCatalogError.missing(fingerprint) }
        let instrument = try JSONDecoder().decode(Instrument.self, from: Data(definition.utf8))
        let ready = PreparedInstrument(instrument: instrument)
        prepared.withLock { $0[fingerprint] = ready }
        return ready
    }
}

enum InstrumentCatalogError: Error {
    case missing(String)
}
