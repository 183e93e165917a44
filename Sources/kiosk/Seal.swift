import ArgumentParser
import Foundation
import KioskCore
import KioskServer

struct Seal: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Seal a bundle's instruments with the day's key (for the monitoring centre).",
        discussion: """
            Writes a copy of the bundle to --out in which each instrument is encrypted \
            (instruments/NAME.sealed.json, AES-256-GCM under a key derived with scrypt from the day's \
            key). The copy holds no question text: a school can load it with `kiosk init` days ahead, \
            and the questionnaire opens only when a proctor types the day's key at the session's start.

            Without --key or --key-file a new key is drawn and printed once: 20 characters in groups of \
            four, about 98 bits. Keep it apart from the bundle and give it to the proctors on the day; \
            the kiosk never writes it anywhere. To seal several bundles with one key, pass the same key \
            with --key-file each time.

            Every session that delivers a sealed instrument must have "proctorStart": true, since that \
            is where the key is typed; the bundle is checked first and nothing is written on an error.
            """)

    @Option(help: "The bundle folder to seal (left unchanged).", completion: .directory)
    var bundle: String

    @Option(help: "The folder for the sealed copy (created; must not exist or be empty).", completion: .directory)
    var out: String

    @Option(name: .customLong("instrument"), help: ArgumentHelp(
        "Seal only this instrument (repeat for several); by default every instrument is sealed.", valueName: "ID"))
    var instrumentIDs: [String] = []

    @OptionGroup var keyInput: DayKeyInput

    func run() throws {
        let source = URL(fileURLWithPath: bundle)
        let report = BundleChecker().check(bundleAt: source)
        guard let checked = report.bundle else {
            Console.show(report.description)
            throw ExitCode(1)
        }
        let chosen = instrumentIDs.isEmpty ? checked.instruments.map(\.id) : instrumentIDs
        for id in chosen where checked.instrument(withID: id) == nil {
            throw ValidationError(checked.sealedInstrument(withID: id) == nil
                ? "部署包中没有问卷 \(id) / the bundle has no instrument \(id)"
                : "问卷 \(id) 已经加密 / instrument \(id) is sealed already")
        }
        let unstartable = checked.timetable.sessions.filter { session in
            session.instrumentID.map(chosen.contains) == true && !session.proctorStart
        }
        guard unstartable.isEmpty else {
            throw ValidationError("""
                这些场次不由监测员开始，加密后无处输入密钥：\(unstartable.map(\.id).joined(separator: ", "))；请在 timetable.json 中写 "proctorStart": true / \
                these sessions do not wait for a proctor's start, where the key is typed: write "proctorStart": true for them in timetable.json
                """)
        }
        let suppliedKey = try keyInput.key()
        let key = suppliedKey ?? DayKey.random()

        let destination = URL(fileURLWithPath: out)
        let manager = FileManager.default
        if manager.fileExists(atPath: destination.path), !(try manager.contentsOfDirectory(atPath: destination.path)).isEmpty {
            throw ValidationError("\(out) 已存在且不为空 / \(out) exists and is not empty")
        }
        try manager.createDirectory(at: destination.appending(path: BundleLayout.instrumentsFolder), withIntermediateDirectories: true)
        for file in [BundleLayout.siteFile, BundleLayout.timetableFile, BundleLayout.rosterFile] {
            try manager.copyItem(at: source.appending(path: file), to: destination.appending(path: file))
        }
        let sourceInstruments = source.appending(path: BundleLayout.instrumentsFolder)
        for name in try manager.contentsOfDirectory(atPath: sourceInstruments.path).sorted()
        where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let file = sourceInstruments.appending(path: name)
            let isPlain = !name.hasSuffix(SealedInstrument.fileSuffix)
            if isPlain, let instrument = checked.instruments.first(where: { chosen.contains($0.id) && declares(file, $0.id) }) {
                let sealedName = String(name.dropLast(".json".count)) + SealedInstrument.fileSuffix
                let sealed = try InstrumentSeal.seal(instrument, key: key)
                try sealed.encoded().write(to: destination.appending(path: BundleLayout.instrumentsFolder).appending(path: sealedName))
                Console.show("已加密 / sealed: \(BundleLayout.instrumentsFolder)/\(sealedName) (\(instrument.id) \(instrument.version))")
            } else {
                try manager.copyItem(at: file, to: destination.appending(path: BundleLayout.instrumentsFolder).appending(path: name))
            }
        }

        // The copy is checked as a school will check it, and opened with the key once.
        let sealedReport = BundleChecker(opener: SealedInstrumentOpener(key: key)).check(bundleAt: destination)
        guard sealedReport.isClean else {
            Console.show(sealedReport.description)
            throw ExitCode(1)
        }
        Console.show("已写入 / written: \(out)")
        if suppliedKey == nil {
            Console.show("""

                当日密钥 / the day's key:

                    \(key.formatted)

                请抄下或打印，与部署包分开保管，监测当天交给监测员；问卷机不会保存它。
                Write it down or print it, keep it apart from the bundle, and give it to the proctors on the day;
                the kiosk keeps it nowhere.
                """)
        }
    }

    /// Whether the instrument file declares this id (so a file is matched to what the check read).
    private func declares(_ file: URL, _ id: String) -> Bool {
        guard let data = try? Data(contentsOf: file),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["id"] as? String == id
    }
}
