import Foundation

/// A kiosk data folder with the bench bundle loaded and every participant given an access code,
/// made once per bench run and copied for each load, so that every load starts from the same
/// fresh database.
struct KioskData {
    let template: String
    /// The access code of each roster ID, from the login-codes.csv `kiosk roster codes` wrote.
    let codes: [String: String]

    /// Loads the bundle with `kiosk init` and issues codes with `kiosk roster codes`.
    init(kiosk: String, bundle: String, template: String) throws {
        self.template = template
        try Command.run(kiosk, ["init", "--bundle", bundle, "--data", template])
        try Command.run(kiosk, ["roster", "codes", "--data", template])
        let csv = try String(contentsOfFile: template + "/login-codes.csv", encoding: .utf8)
        var codes: [String: String] = [:]
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count >= 3 else { continue }
            codes[String(cells[0]).trimmingCharacters(in: ["\u{FEFF}"])] = String(cells[cells.count - 1])
        }
        self.codes = codes
    }

    /// A fresh copy of the loaded database in `directory`.
    func copy(to directory: String) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: template).filter { $0.hasPrefix("kiosk.sqlite") }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in files {
            try FileManager.default.copyItem(atPath: template + "/" + file, toPath: directory + "/" + file)
        }
    }

    /// The first `count` participants of the roster, logging in with their codes.
    func participants(_ count: Int) throws -> [Participant] {
        try (1...count).map { number in
            let id = BenchBundle.participantID(number)
            guard let code = codes[id] else { throw BenchError.missingAccessCode(id) }
            return Participant(number: number, login: .accessCode(id: id, code: code))
        }
    }
}
