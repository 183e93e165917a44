import Foundation
import KioskCore

/// What to export and how.
public struct ExportOptions: Sendable {
    /// The formats of the wide data.
    public enum WideFormat: String, Sendable, CaseIterable {
        case csv, sav, dta
    }

    /// Only this session (its rows, events, paradata, reports); every session when nil.
    public var sessionID: String?
    /// The groups of files to write (every group by default); the manifest lists what was written.
    public var parts: Set<ExportPart>
    public var wideFormats: Set<WideFormat>
    /// A UTF-8 byte-order mark at the start of each CSV file (for Excel in Chinese).
    public var byteOrderMark: Bool
    public var missingCodes: MissingCodes
    /// The event log holds only events after this cursor (0: all).
    public var eventsSince: Int64
    /// Sealed instruments opened with the day's key, by fingerprint: the codebook and the wide
    /// files need their content. Kept in memory only.
    public var unsealedInstruments: [String: Instrument] = [:]

    public init(
        sessionID: String? = nil, parts: Set<ExportPart> = Set(ExportPart.allCases), wideFormats: Set<WideFormat> = Set(WideFormat.allCases), byteOrderMark: Bool = false,
        missingCodes: MissingCodes = .standard, eventsSince: Int64 = 0
    ) {
        self.sessionID = sessionID
        self.parts = parts
        self.wideFormats = wideFormats
        self.byteOrderMark = byteOrderMark
        self.missingCodes = missingCodes
        self.eventsSince = eventsSince
    }
}

/// How far an export has got, for a progress bar.
public struct ExportProgress: Sendable {
    public var file: String
    public var rowsDone: Int
    public var rowsTotal: Int
}
