import Foundation

/// `roster.csv`: the sampled participants, the only people who can log in.
public struct Roster: Sendable, Hashable {
    /// The participants in the file's order.
    public var entries: [RosterEntry]

    public init(entries: [RosterEntry]) {
        self.entries = entries
    }

    /// Reads a roster CSV: UTF-8 (with or without BOM) or GB18030, English or Chinese headers in
    /// any order, as `docs/bundle-format.md` describes.
    ///
    /// - Throws: ``RosterError`` with every error found, each naming its line; warnings (an
    ///   unknown column, ignored) do not stop the reading.
    public init(csv data: Data, file: String = "roster.csv") throws(RosterError) {
        let log = DiagnosticLog(file: file)
        let roster = Roster(reading: data, log: log)
        guard !log.hasErrors else {
            throw RosterError(diagnostics: log.diagnostics.filter { $0.severity == .error })
        }
        self = roster
    }

    /// The participant with this login ID, compared without regard to case.
    public func entry(withID id: String) -> RosterEntry? {
        let id = id.lowercased()
        return entries.first { $0.id.lowercased() == id }
    }
}

/// Why a roster could not be read: every error in it, each with its line.
public struct RosterError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [BundleDiagnostic]

    public init(diagnostics: [BundleDiagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One line per problem, as `kiosk check` prints them.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
