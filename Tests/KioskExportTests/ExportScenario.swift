import Foundation
import KioskCore
import KioskExport
import KioskServer
import KioskStorage
import KioskTestSupport
import Testing

/// A fixed day of data, made through the real server on a fixed clock, so that it produces every
/// missing reason and the same bytes every time:
/// - G4S001 answers across pages (S1Q07 = 1 hides S1Q08), leaves S1Q02 empty, types a formula-like
///   text, reaches the last page and submits;
/// - G4S002 answers one item on the first page and submits there: later pages are not reached;
/// - G4S003 answers on the first two pages and runs out of time: later pages timed out;
/// - G4S004 logs in and never opens the questionnaire; G4S005 is marked absent; the rest never come.
final class ExportScenario {
    let clock = FixedClock(AnsweringFixture.localTime(9, 31))
    let kiosk: TestKiosk
    let fixture: AnsweringFixture
    static let sessionID = "T-G4"

    init() throws {
        kiosk = try TestKiosk(clock: clock)
        fixture = try AnsweringFixture(database: kiosk.application.database, sessions: [
            AnsweringFixture.session(Self.sessionID, instrument: "G4-STU-1", grade: 4, start: "09:30", end: "11:00", duration: 30, proctorStart: false),
        ], at: clock.now)
        let directory = StaffDirectory(database: kiosk.application.database)
        try directory.add(name: "王老师", role: .proctor, password: "correct horse battery", actor: "test", now: clock.now)

        var first = try participant("G4S001")
        try first.open()
        try first.save(["S1Q01": 1, "S1Q05": [1, 2]], position: 0)
        try first.save(["S1Q07": 1, "S1Q06": 9], position: 1)
        try first.save(["S1Q17": 8.5], position: 2)
        try first.save(["S1Q43": "=1+1 \"引号\", 逗号\r\n第二行"], position: 7)
        try first.save(["S1Q01": 2], position: 7)
        try first.submit()

        var second = try participant("G4S002")
        try second.open()
        try second.save(["S1Q01": 1], position: 0)
        try second.submit()

        var third = try participant("G4S003")
        try third.open()
        try third.save(["S1Q01": 2], position: 0)
        try third.save(["S1Q07": 3, "S1Q08": 1], position: 1)

        _ = try participant("G4S004")
        try markAbsent("G4S005")
        clock.advance(by: 40 * 60)
        _ = try kiosk.application.database.pool.write { db in try AttemptRecord.closeOverdue(at: self.clock.now, db) }
    }

    /// Exports into a new temporary folder.
    func export(_ options: ExportOptions = ExportOptions(sessionID: ExportScenario.sessionID)) throws -> (TemporaryDirectory, ExportManifest) {
        let folder = try TemporaryDirectory()
        let manifest = try Exporter(database: kiosk.application.database, now: clock.now)
            .export(to: URL(fileURLWithPath: folder.path), options: options)
        return (folder, manifest)
    }

    /// A logged-in participant who moves on the scenario's clock.
    struct Participant {
        let connection: HTTPConnection
        let headers: [String: String]
        let clock: FixedClock
        var seq: Int64 = 0

        func open() throws {
            #expect(try connection.request("GET", "/api/v1/attempt", headers: headers).status == 200)
        }

        mutating func save(_ answers: [String: Any], position: Int) throws {
            clock.advance(by: 20)
            var items: [[String: Any]] = []
            for name in answers.keys.sorted() {
                seq += 1
                items.append(["item": name, "value": answers[name]!, "seq": seq])
            }
            let reply = try connection.json("PUT", "/api/v1/attempt/answers", ["answers": items, "position": position], headers: headers)
            #expect(reply.status == 200, "\(reply.text)")
        }

        func submit() throws {
            clock.advance(by: 5)
            #expect(try connection.request("POST", "/api/v1/attempt/submit", headers: headers).status == 200)
        }
    }

    func participant(_ id: String) throws -> Participant {
        let connection = try kiosk.connect()
        let reply = try connection.json("POST", "/api/v1/login", ["id": id, "code": fixture.codes[id]!])
        #expect(reply.status == 200)
        let token = try reply.json()["token"] as? String ?? ""
        return Participant(connection: connection, headers: ["Cookie": "kiosk_token=\(token)"], clock: clock)
    }

    private func markAbsent(_ id: String) throws {
        let connection = try kiosk.connect()
        let login = try connection.json("POST", "/api/v1/staff/login", ["name": "王老师", "password": "correct horse battery"])
        let cookie = login.headers["set-cookie"]?.split(separator: ";").first.map(String.init) ?? ""
        let csrf = try login.json()["csrfToken"] as? String ?? ""
        let marked = try connection.json(
            "PUT", "/api/v1/staff/sessions/\(Self.sessionID)/participants/\(id)/mark", ["kind": "absent", "reason": "sick", "note": "发烧"],
            headers: ["Cookie": cookie, "X-CSRF-Token": csrf])
        #expect(marked.status == 200)
    }
}

/// Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of fields.
enum CSVReading {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\r": continue
            case "\n": row.append(field); rows.append(row); row = []; field = ""
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// The rows as dictionaries keyed by the header.
    static func records(_ text: String) -> [[String: String]] {
        let all = rows(text)
        guard let header = all.first else { return [] }
        return all.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
