import Foundation
import GRDB
import KioskCore

/// Loads a checked deployment bundle into the database, in one transaction, and freezes it.
///
/// Each instrument is stored with its fingerprint (the SHA-256 of its canonical JSON), and every
/// attempt records the fingerprint it was given. Loading the bundle again is allowed, and is how a
/// corrected roster or timetable arrives, but an instrument, session or participant that someone
/// has already started is never changed or removed: the whole load is refused and nothing changes.
/// Changes to a roster that was already loaded are written to the audit log, one line each.
public struct BundleInstallation {
    public var bundle: DeploymentBundle
    /// Instrument ID → fingerprint (lowercase hex SHA-256 of ``Instrument/canonicalJSON()``).
    public var fingerprints: [String: String]
    /// Who loads it, for the audit log.
    public var actor: String
    public var now: Date

    public init(bundle: DeploymentBundle, fingerprints: [String: String], actor: String, now: Date) {
        self.bundle = bundle
        self.fingerprints = fingerprints
        self.actor = actor
        self.now = now
    }

    /// What the load changed.
    public struct Summary: Sendable, Equatable {
        public var instrumentsAdded: [String] = []
        public var instrumentsReplaced: [String] = []
        public var instrumentsUnchanged: [String] = []
        public var instrumentsRemoved: [String] = []
        public var sessions = 0
        public var participantsAdded: [String] = []
        public var participantsChanged: [String] = []
        public var participantsRemoved: [String] = []
        /// Whether the roster changed after the first session of the day had opened.
        public var rosterChangedAfterStart = false
    }

    /// Writes the bundle; throws ``BundleInstallationError`` (and changes nothing) when it would
    /// alter what has been started.
    public func install(into database: KioskDatabase) throws -> Summary {
        try database.pool.write { db in try install(db) }
    }

    func install(_ db: Database) throws -> Summary {
        var summary = Summary()
        var refusals: [BundleInstallationError.Refusal] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let hadRoster = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM participant")! > 0
        let dayStarted = dayHasStarted

        try db.execute(
            sql: """
                INSERT INTO site (id, code, time_zone, definition, installed_at) VALUES (1, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET code = excluded.code, time_zone = excluded.time_zone,
                    definition = excluded.definition, installed_at = excluded.installed_at
                """,
            arguments: [bundle.site.site.code, bundle.site.timeZone.identifier,
                        String(decoding: try encoder.encode(bundle.site), as: UTF8.self), now])

        // Instruments.
        let stored = try Row.fetchAll(db, sql: "SELECT id, hash FROM instrument")
            .reduce(into: [String: String]()) { $0[$1["id"]] = $1["hash"] }
        let started = try Set(String.fetchAll(db, sql: "SELECT DISTINCT instrument_id FROM attempt"))
        // A sealed instrument is stored as its envelope: the key is not known here, and the
        // fingerprint is the one the envelope declares (checked when a proctor unseals it).
        let contents: [(id: String, version: String, definition: String?, envelope: String?)] =
            bundle.instruments.map { ($0.id, $0.version, String(decoding: $0.canonicalJSON(), as: UTF8.self), nil) }
            + bundle.sealedInstruments.map { ($0.instrument.id, $0.instrument.version, nil, $0.compactJSON()) }
        for content in contents {
            guard let fingerprint = fingerprints[content.id] else {
                preconditionFailure("no fingerprint for instrument \(content.id)")
            }
            switch stored[content.id] {
            case nil:
                try db.execute(
                    sql: "INSERT INTO instrument (id, version, hash, definition, envelope, loaded_at) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [content.id, content.version, fingerprint, content.definition, content.envelope, now])
                summary.instrumentsAdded.append(content.id)
            case fingerprint:
                // The same content, perhaps sealed now and not before (or the other way round).
                try db.execute(
                    sql: "UPDATE instrument SET definition = ?, envelope = ? WHERE id = ?",
                    arguments: [content.definition, content.envelope, content.id])
                summary.instrumentsUnchanged.append(content.id)
            case let previous?:
                if started.contains(content.id) {
                    refusals.append(.instrumentChanged(content.id))
                    continue
                }
                try db.execute(
                    sql: "UPDATE instrument SET version = ?, hash = ?, definition = ?, envelope = ?, loaded_at = ? WHERE id = ?",
                    arguments: [content.version, fingerprint, content.definition, content.envelope, now, content.id])
                var detail = ["from": previous, "to": fingerprint, "version": content.version]
                if content.envelope != nil { detail["sealed"] = "yes" }
                try audit(db, "instrument.replace", content.id, detail)
                summary.instrumentsReplaced.append(content.id)
            }
        }

        // Sessions: the timetable is replaced whole, but no session someone has started, marked or
        // reported an incident in may go.
        let startedSessions = try Set(String.fetchAll(db, sql: """
            SELECT session_id FROM attempt UNION SELECT session_id FROM participant_mark
            UNION SELECT session_id FROM incident WHERE session_id IS NOT NULL
            """))
        let newSessionIDs = Set(bundle.timetable.sessions.map(\.id))
        for id in try String.fetchAll(db, sql: "SELECT id FROM session") where !newSessionIDs.contains(id) {
            if startedSessions.contains(id) {
                refusals.append(.sessionRemoved(id))
            } else {
                try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [id])
                try audit(db, "session.remove", id, [:])
            }
        }
        for (position, session) in bundle.timetable.sessions.enumerated() {
            let window = bundle.window(of: session)
            let definition = String(decoding: try encoder.encode(session), as: UTF8.self)
            let previous = try String.fetchOne(db, sql: "SELECT definition FROM session WHERE id = ?", arguments: [session.id])
            if let previous, previous != definition, startedSessions.contains(session.id) {
                refusals.append(.sessionChanged(session.id))
                continue
            }
            try db.execute(
                sql: """
                    INSERT INTO session (id, position, instrument_id, opens_at, closes_at, practice, definition)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET position = excluded.position,
                        instrument_id = excluded.instrument_id, opens_at = excluded.opens_at,
                        closes_at = excluded.closes_at, practice = excluded.practice, definition = excluded.definition
                    """,
                arguments: [session.id, position, session.instrumentID, window.start, window.end, session.practice, definition])
            if let previous, previous != definition {
                try audit(db, "session.change", session.id, ["from": previous, "to": definition])
            }
        }
        summary.sessions = bundle.timetable.sessions.count

        // Instruments no session names any more, and nobody has started, are dropped.
        for id in try String.fetchAll(db, sql: """
            SELECT id FROM instrument
            WHERE id NOT IN (SELECT instrument_id FROM session WHERE instrument_id IS NOT NULL)
              AND id NOT IN (SELECT instrument_id FROM attempt)
            """) where !contents.contains(where: { $0.id == id }) {
            try db.execute(sql: "DELETE FROM instrument WHERE id = ?", arguments: [id])
            try audit(db, "instrument.remove", id, [:])
            summary.instrumentsRemoved.append(id)
        }

        // The roster: a diff against what is stored, each change audited once a roster exists.
        let storedParticipants = try Row.fetchAll(db, sql: "SELECT * FROM participant")
            .reduce(into: [String: RosterEntry]()) { entries, row in
                entries[(row["id"] as String).lowercased()] = RosterEntry(row: row)
            }
        let participantsWithAttempts = try Set(String.fetchAll(db, sql: """
            SELECT lower(participant_id) FROM attempt UNION SELECT lower(participant_id) FROM participant_mark
            """))
        let newIDs = Set(bundle.roster.entries.map { $0.id.lowercased() })
        for (key, entry) in storedParticipants where !newIDs.contains(key) {
            if participantsWithAttempts.contains(key) {
                refusals.append(.participantRemoved(entry.id))
                continue
            }
            try db.execute(sql: "DELETE FROM participant WHERE id = ?", arguments: [entry.id])
            try audit(db, "roster.remove", entry.id, ["participant": entry.auditDescription])
            summary.participantsRemoved.append(entry.id)
        }
        for (position, entry) in bundle.roster.entries.enumerated() {
            let previous = storedParticipants[entry.id.lowercased()]
            try db.execute(
                sql: """
                    INSERT INTO participant (id, position, role, grade, class_name, name, gender, school)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET id = excluded.id, position = excluded.position,
                        role = excluded.role, grade = excluded.grade, class_name = excluded.class_name,
                        name = excluded.name, gender = excluded.gender, school = excluded.school
                    """,
                arguments: [entry.id, position, entry.role.rawValue, entry.grade, entry.className,
                            entry.name, entry.gender?.rawValue, entry.school])
            guard hadRoster else { continue }
            if previous == nil {
                try audit(db, "roster.add", entry.id, ["participant": entry.auditDescription])
                summary.participantsAdded.append(entry.id)
            } else if let previous, previous != entry {
                try audit(db, "roster.change", entry.id, ["from": previous.auditDescription, "to": entry.auditDescription])
                summary.participantsChanged.append(entry.id)
            }
        }
        let rosterChanged = !(summary.participantsAdded.isEmpty && summary.participantsChanged.isEmpty && summary.participantsRemoved.isEmpty)
        summary.rosterChangedAfterStart = rosterChanged && dayStarted

        if !refusals.isEmpty {
            throw BundleInstallationError(refusals: refusals)
        }
        var detail = [
            "instruments": "\(contents.count)",
            "sessions": "\(bundle.timetable.sessions.count)",
            "participants": "\(bundle.roster.entries.count)",
            "afterDayStarted": dayStarted ? "yes" : "no",
        ]
        if !bundle.sealedInstruments.isEmpty {
            detail["sealedInstruments"] = "\(bundle.sealedInstruments.count)"
        }
        try audit(db, "bundle.install", bundle.site.site.code, detail)
        return summary
    }

    /// Whether the first delivered, non-practice session's window has opened by `now`.
    private var dayHasStarted: Bool {
        bundle.timetable.sessions.contains { session in
            session.instrumentID != nil && !session.practice && bundle.window(of: session).start <= now
        }
    }

    private func audit(_ db: Database, _ action: String, _ subject: String, _ detail: [String: String]) throws {
        var detail = detail
        if action.hasPrefix("roster."), dayHasStarted {
            detail["afterDayStarted"] = "yes"
        }
        try AuditEntry.record(at: now, actor: actor, action: action, subject: subject, detail: detail, db)
    }
}

/// A bundle load that would change what participants have already started; nothing was changed.
public struct BundleInstallationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Refusal: Sendable, Equatable {
        case instrumentChanged(String)
        case sessionChanged(String)
        case sessionRemoved(String)
        case participantRemoved(String)
    }

    public var refusals: [Refusal]

    public init(refusals: [Refusal]) {
        self.refusals = refusals
    }

    public var description: String {
        let lines = refusals.map { refusal -> String in
            switch refusal {
            case .instrumentChanged(let id):
                "问卷 \(id) 已有人开始作答，不能更换为内容不同的版本 / instrument \(id) has been started: a changed version cannot replace it"
            case .sessionChanged(let id):
                "场次 \(id) 已有人开始作答，不能修改 / session \(id) has been started: it cannot be changed"
            case .sessionRemoved(let id):
                "场次 \(id) 已有人开始作答，不能删除 / session \(id) has been started: it cannot be removed"
            case .participantRemoved(let id):
                "\(id) 已开始作答，不能从名单中删除 / \(id) has started answering: they cannot be removed from the roster"
            }
        }
        return (["未载入任何内容 / nothing was loaded:"] + lines.map { "  - " + $0 }).joined(separator: "\n")
    }
}

extension RosterEntry {
    init(row: Row) {
        self.init(
            id: row["id"], role: ParticipantRole(rawValue: row["role"])!, grade: row["grade"],
            className: row["class_name"], name: row["name"],
            gender: (row["gender"] as String?).flatMap(Gender.init(rawValue:)), school: row["school"])
    }

    /// The entry in one line for the audit log.
    var auditDescription: String {
        [id, role.rawValue, grade.map(String.init) ?? "", className ?? "", name, gender?.rawValue ?? "", school ?? ""]
            .joined(separator: ",")
    }
}
