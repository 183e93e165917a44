import Foundation
import KioskCore
import KioskStorage

/// Gives participants access codes: generates them, stores only their hashes, and returns the
/// login slips, the only place the codes themselves ever appear.
public struct LoginSlipIssuer {
    public let database: KioskDatabase
    public var hasher = SecretHasher()

    public init(database: KioskDatabase) {
        self.database = database
    }

    /// Issues codes to everyone without one (or to everyone, replacing their codes, when `all`),
    /// and returns their slips in roster order. The audit log records who was given a new code.
    public func issue(all: Bool, actor: String, now: Date) throws -> (site: SiteConfiguration, slips: [LoginSlip]) {
        guard let bundle = try database.pool.read(InstalledBundle.read) else {
            throw LoginSlipIssuerError.noBundle
        }
        let ids = try database.pool.read { db in try AccessCodeHashes.participantsNeedingCodes(db, all: all) }
        var generator = AccessCodeGenerator()
        let codes = generator.uniqueCodes(count: ids.count)
        let hashes = try codes.map(hasher.hash)
        try database.pool.write { db in
            for (id, hash) in zip(ids, hashes) {
                try AccessCodeHashes.store(hash, for: id, at: now, db)
            }
            if !ids.isEmpty {
                var entry = AuditEntry(
                    at: now, actor: actor, action: all ? "codes.reissue" : "codes.issue",
                    subject: "\(ids.count)", detail: String(decoding: try JSONEncoder().encode(ids), as: UTF8.self))
                try entry.insert(db)
            }
        }
        let slips = zip(ids, codes).compactMap { id, code -> LoginSlip? in
            guard let participant = bundle.roster.entry(withID: id) else { return nil }
            // Subject tests are listed in the day plan but not logged into here: the slip leaves them out.
            let sessions = bundle.timetable.sessions(for: participant).filter { $0.instrumentID != nil }
            return LoginSlip(participant: participant, accessCode: code, sessions: sessions)
        }
        return (bundle.site, slips)
    }
}

public enum LoginSlipIssuerError: Error, CustomStringConvertible {
    case noBundle

    public var description: String {
        "数据库中还没有名单，请先运行 kiosk init / no roster is loaded yet: run kiosk init first"
    }
}
