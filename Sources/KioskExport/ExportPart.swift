/// The groups of files an export writes; an export can be limited to some of them.
public enum ExportPart: String, Sendable, CaseIterable {
    /// `responses-INSTRUMENT.csv`, `.sav` and `.dta`: the wide data, in the formats asked for.
    case responses
    /// `answer-events.ndjson`: the answer-event log after the cursor.
    case events
    /// `codebook.csv` and `codebook.json`.
    case codebook
    /// `paradata-pages.csv` and `paradata-items.csv`.
    case paradata
    /// `completion-report.csv`, `participants.csv`, `incidents.csv` and `audit-log.csv`.
    case reports

    /// The part that writes the file called `name`; nil for a name no export writes.
    public init?(writing name: String) {
        switch name {
        case "answer-events.ndjson": self = .events
        case "codebook.csv", "codebook.json": self = .codebook
        case "paradata-pages.csv", "paradata-items.csv": self = .paradata
        case "completion-report.csv", "participants.csv", "incidents.csv", "audit-log.csv": self = .reports
        default:
            guard name.hasPrefix("responses-"), ExportOptions.WideFormat(fileName: name) != nil else { return nil }
            self = .responses
        }
    }
}

extension ExportOptions.WideFormat {
    /// The format of a wide file called `name` (`responses-STU.sav`: `.sav`).
    public init?(fileName name: String) {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        self.init(rawValue: String(name[name.index(after: dot)...]))
    }
}
