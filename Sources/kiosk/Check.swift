import ArgumentParser
import Foundation
import KioskCore
import KioskServer

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a deployment bundle and list every problem in it.",
        discussion: """
            A bundle is the folder the monitoring centre sends: kiosk.json, instruments/*.json,
            timetable.json and roster.csv. Every problem is listed at once, each with its file and line
            or JSON path and a hint for fixing it. Exits 0 only when there is no error (warnings allowed).

            Sealed instruments (instruments/NAME.sealed.json) are checked as envelopes; with --key or \
            --key-file they are also opened with the day's key and their content checked like any \
            instrument's. The key is kept in memory only.
            """)

    @Argument(help: "The bundle folder.", completion: .directory)
    var bundle: String

    @OptionGroup var keyInput: DayKeyInput

    func run() throws {
        let opener = try keyInput.key().map(SealedInstrumentOpener.init(key:))
        let report = BundleChecker(opener: opener).check(bundleAt: URL(fileURLWithPath: bundle))
        Console.show(report.description)
        if !report.isClean { throw ExitCode(1) }
    }
}
