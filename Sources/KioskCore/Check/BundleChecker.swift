import Foundation

/// Reads a deployment bundle folder and reports every problem in it at once, each located to its
/// file and line or JSON path: what `kiosk check` runs, and what the server runs before it serves.
///
///     let report = BundleChecker().check(bundleAt: URL(filePath: "/media/usb/bundle"))
///     print(report)                       // one line per problem, then a count
///     guard let bundle = report.bundle else { exit(1) }
public struct BundleChecker: Sendable {
    public init() {}

    /// Reads every file of the bundle in `directory` and checks each one and how they fit together.
    /// Never throws: a missing or unreadable file is one more diagnostic.
    public func check(bundleAt directory: URL) -> CheckReport {
        var logs: [DiagnosticLog] = []
        func log(for file: String) -> DiagnosticLog {
            let log = DiagnosticLog(file: file)
            logs.append(log)
            return log
        }

        let siteLog = log(for: BundleLayout.siteFile)
        let siteNode = JSONFile.read(directory.appending(path: BundleLayout.siteFile), log: siteLog, purpose: .siteFilePurpose)
            .map { JSONNode($0, log: siteLog) }
        let site = siteNode.flatMap(SiteConfiguration.init(reading:))

        let instrumentFiles = instrumentFileNames(in: directory, log: log(for: BundleLayout.instrumentsFolder + "/"))
        let instruments = instrumentFiles.map { name in
            let file = "\(BundleLayout.instrumentsFolder)/\(name)"
            let fileLog = log(for: file)
            let url = directory.appending(path: BundleLayout.instrumentsFolder).appending(path: name)
            return InstrumentFile(
                file: file,
                node: JSONFile.read(url, log: fileLog, purpose: .instrumentFilePurpose).map { JSONNode($0, log: fileLog) })
        }

        let timetableLog = log(for: BundleLayout.timetableFile)
        let timetableNode = JSONFile.read(
            directory.appending(path: BundleLayout.timetableFile), log: timetableLog, purpose: .timetableFilePurpose
        ).map { JSONNode($0, log: timetableLog) }
        let timetable = timetableNode.flatMap(Timetable.init(reading:))

        let rosterLog = log(for: BundleLayout.rosterFile)
        let rosterRows = BundleFile.contents(
            of: directory.appending(path: BundleLayout.rosterFile), log: rosterLog, purpose: .rosterFilePurpose
        ).map { Roster.rows(in: $0, log: rosterLog) }

        let siteCode = site?.site.code
            ?? siteNode?.silenced[SiteConfiguration.CodingKeys.site.stringValue][SiteConfiguration.Site.CodingKeys.code.stringValue]
            .identifier(.code)
        let crossChecks = CrossFileChecks(
            siteCode: siteCode, instruments: instruments, timetable: timetable, timetableNode: timetableNode,
            rosterRows: rosterRows, rosterLog: rosterLog)
        crossChecks.run()

        let diagnostics = logs.flatMap { $0.diagnostics.inDocumentOrder() }
        let bundle: DeploymentBundle?
        if let site, let timetable, let rosterRows, !diagnostics.contains(where: { $0.severity == .error }) {
            bundle = DeploymentBundle(
                site: site, instruments: instruments.compactMap(\.instrument), timetable: timetable,
                roster: Roster(entries: rosterRows.map(\.entry)))
        } else {
            bundle = nil
        }
        return CheckReport(diagnostics: diagnostics, bundle: bundle)
    }

    /// The `.json` files in `instruments/`, by name; reports the folder missing or empty.
    private func instrumentFileNames(in directory: URL, log: DiagnosticLog) -> [String] {
        let folder = directory.appending(path: BundleLayout.instrumentsFolder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            log.report(.missingFile(log.file, describing: .instrumentsFolderPurpose), at: .file)
            return []
        }
        do {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
                .sorted()
            if names.isEmpty {
                log.report(.noInstruments, at: .file)
            }
            return names
        } catch {
            log.report(.unreadableFile(error), at: .file)
            return []
        }
    }
}

/// One file of `instruments/` and what could be read of it.
struct InstrumentFile {
    let file: String
    /// The parsed document, `nil` when the file is not JSON.
    let node: JSONNode?
    /// The instrument, `nil` when it has an error.
    let instrument: Instrument?

    init(file: String, node: JSONNode?) {
        self.file = file
        self.node = node
        self.instrument = node.flatMap(Instrument.init(reading:))
    }

    /// The instrument's id, read even when the instrument as a whole has errors, so that sessions
    /// naming it are not reported as naming nothing.
    var id: String? {
        instrument?.id ?? node?.silenced[Instrument.CodingKeys.id.stringValue].identifier(.code)
    }

    /// The instrument's audience, read even when the instrument as a whole has errors.
    var audience: Audience? {
        instrument?.audience ?? node.flatMap { Audience(reading: $0.silenced[Instrument.CodingKeys.audience.stringValue]) }
    }
}

extension BilingualText {
    fileprivate static let siteFilePurpose = BilingualText(zhCN: "站点配置", en: "the site configuration")
    fileprivate static let instrumentsFolderPurpose = BilingualText(zhCN: "问卷文件夹", en: "the questionnaire folder")
    fileprivate static let instrumentFilePurpose = BilingualText(zhCN: "问卷", en: "a questionnaire")
    fileprivate static let timetableFilePurpose = BilingualText(zhCN: "场次安排", en: "the timetable")
    fileprivate static let rosterFilePurpose = BilingualText(zhCN: "名册", en: "the roster")
}
