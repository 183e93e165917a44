import Foundation

/// A deployment bundle as read and checked: everything the kiosk serves at one site.
public struct DeploymentBundle: Sendable, Hashable {
    public var site: SiteConfiguration
    /// The instruments in the order of their file names.
    public var instruments: [Instrument]
    public var timetable: Timetable
    public var roster: Roster
    /// The sealed instruments (``SealedInstrument``), in the order of their file names: their
    /// content stays encrypted until a proctor enters the day's key.
    public var sealedInstruments: [SealedInstrument]

    public init(
        site: SiteConfiguration, instruments: [Instrument], timetable: Timetable, roster: Roster,
        sealedInstruments: [SealedInstrument] = []
    ) {
        self.site = site
        self.instruments = instruments
        self.timetable = timetable
        self.roster = roster
        self.sealedInstruments = sealedInstruments
    }

    /// Reads the bundle in `directory`, for callers that need only the bundle; use
    /// ``BundleChecker`` to see the warnings too.
    ///
    /// - Throws: ``BundleLoadError`` when the check finds any error.
    public static func load(from directory: URL) throws(BundleLoadError) -> DeploymentBundle {
        let report = BundleChecker().check(bundleAt: directory)
        guard let bundle = report.bundle else { throw BundleLoadError(report: report) }
        return bundle
    }

    /// The instrument a session names.
    public func instrument(withID id: String) -> Instrument? {
        instruments.first { $0.id == id }
    }

    /// The sealed instrument with this ID.
    public func sealedInstrument(withID id: String) -> SealedInstrument? {
        sealedInstruments.first { $0.instrument.id == id }
    }

    /// The instant `session`'s window opens and closes, in the site's time zone.
    public func window(of session: Session) -> SessionWindow {
        session.window(in: site.timeZone)
    }
}

/// Why a bundle could not be loaded: the check's report, with every problem found.
public struct BundleLoadError: Error, Sendable, CustomStringConvertible {
    public var report: CheckReport

    public init(report: CheckReport) {
        self.report = report
    }

    public var description: String {
        report.description
    }
}
