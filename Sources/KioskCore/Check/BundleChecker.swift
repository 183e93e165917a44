import Foundation

/// Reads a deployment bundle folder and reports every problem in it at once, each located to its
/// file and line or JSON path: what `kiosk check` runs, and what the server runs before it serves.
///
///     let report = BundleChecker().check(bundleAt: URL(filePath: "/media/usb/bundle"))
///     print(report)                       // one line per problem, then a count
///     guard let bundle = report.bundle else { exit(1) }
public struct BundleChecker: Sendable {
    /// What opens sealed instruments to check their content; without it only their envelopes are
    /// checked.
    public var opener: (any SealedInstrumentOpening)?

    public init(opener: (any SealedInstrumentOpening)? = nil) {
        self.opener = opener
    }

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
            let node = JSONFile.read(url, log: fileLog, purpose: .instrumentFilePurpose).map { JSONNode($0, log: fileLog) }
            guard name.hasSuffix(SealedInstrument.fileSuffix) else { return InstrumentFile(file: file, node: node) }
            let sealed = InstrumentFile(file: file, sealedNode: node)
            if let opener, let envelope = sealed.sealed, let node {
                SealedContentCheck(envelope: envelope, node: node, contentLog: log(for: "\(file) (解密内容 / decrypted)"))
                    .run(opener)
            }
            return sealed
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
                roster: Roster(entries: rosterRows.map(\.entry)), sealedInstruments: instruments.compactMap(\.sealed))
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
                .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }  // NAME.json and NAME.sealed.json
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
    /// The instrument, `nil` when it has an error or is sealed.
    let instrument: Instrument?
    /// The envelope of a sealed instrument (`NAME.sealed.json`), `nil` when it has an error or
    /// the instrument is not sealed.
    let sealed: SealedInstrument?
    /// Whether the file is a sealed instrument's.
    let isSealed: Bool

    init(file: String, node: JSONNode?) {
        self.file = file
        self.node = node
        self.instrument = node.flatMap(Instrument.init(reading:))
        sealed = nil
        isSealed = false
    }

    init(file: String, sealedNode node: JSONNode?) {
        self.file = file
        self.node = node
        instrument = nil
        sealed = node.flatMap(SealedInstrument.init(reading:))
        isSealed = true
    }

    /// Where the instrument's id is written: at the top, or in a sealed envelope's header.
    var idNode: JSONNode? {
        let header = isSealed ? node?[SealedInstrument.CodingKeys.instrument.stringValue] : node
        return header?[Instrument.CodingKeys.id.stringValue]
    }

    /// The instrument's id, read even when the instrument as a whole has errors, so that sessions
    /// naming it are not reported as naming nothing.
    var id: String? {
        instrument?.id ?? sealed?.instrument.id ?? idNode?.silenced.identifier(.code)
    }

    /// The instrument's audience, read even when the instrument as a whole has errors.
    var audience: Audience? {
        if let audience = instrument?.audience ?? sealed?.instrument.audience { return audience }
        let header = isSealed ? node?.silenced[SealedInstrument.CodingKeys.instrument.stringValue] : node?.silenced
        return header.flatMap { Audience(reading: $0[Instrument.CodingKeys.audience.stringValue]) }
    }
}

/// Opens a sealed instrument with the key given to `kiosk check` and checks what is inside as
/// any instrument is checked, and against the envelope's header.
struct SealedContentCheck {
    let envelope: SealedInstrument
    let node: JSONNode
    /// Where problems of the decrypted instrument go, located by JSON path inside it.
    let contentLog: DiagnosticLog

    func run(_ opener: any SealedInstrumentOpening) {
        switch opener.open(envelope) {
        case .wrongKey:
            node.report(.sealKeyWrong)
        case .contentMismatch:
            node.report(.sealContentMismatch)
        case .opened(let plaintext):
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: plaintext) else {
                node.report(.sealContentMismatch)
                return
            }
            guard let instrument = Instrument(reading: JSONNode(value, log: contentLog)) else { return }
            let header = envelope.instrument
            if instrument.id != header.id || instrument.version != header.version || instrument.audience != header.audience
                || instrument.canonicalJSON() != plaintext
            {
                node.report(.sealContentMismatch)
            }
        }
    }
}

extension Problem {
    fileprivate static let sealKeyWrong = Problem(
        .sealKeyWrong, zh: "所给密钥打不开这份加密问卷", en: "the key given does not open this sealed instrument",
        hintZh: "核对当日密钥（20 个字符，每 4 个一组）；或文件已被改动，请向监测中心重新索取",
        hintEn: "check the day's key (20 characters in groups of four); or the file was altered: ask the monitoring centre for it again")

    fileprivate static let sealContentMismatch = Problem(
        .sealContentMismatch, zh: "加密问卷的内容与其文件头（id、版本、对象、指纹）不符", en: "the sealed instrument's content does not match its header (id, version, audience, fingerprint)",
        hintZh: "请用 kiosk seal 重新加密该问卷", hintEn: "seal the instrument again with kiosk seal")
}

extension BilingualText {
    fileprivate static let siteFilePurpose = BilingualText(zhCN: "站点配置", en: "the site configuration")
    fileprivate static let instrumentsFolderPurpose = BilingualText(zhCN: "问卷文件夹", en: "the questionnaire folder")
    fileprivate static let instrumentFilePurpose = BilingualText(zhCN: "问卷", en: "a questionnaire")
    fileprivate static let timetableFilePurpose = BilingualText(zhCN: "场次安排", en: "the timetable")
    fileprivate static let rosterFilePurpose = BilingualText(zhCN: "名册", en: "the roster")
}
