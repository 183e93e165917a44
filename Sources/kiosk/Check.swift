import ArgumentParser
import Foundation
import KioskCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a deployment bundle and list every problem in it.",
        discussion: """
            A bundle is the folder the monitoring centre sends: kiosk.json, instruments/*.json,
            timetable.json and roster.csv. Every problem is listed at once, each with its file and line
            or JSON path and a hint for fixing it. Exits 0 only when there is no error (warnings allowed).
            """)

    @Argument(help: "The bundle folder.", completion: .directory)
    var bundle: String

    func run() throws {
        let report = BundleChecker().check(bundleAt: URL(fileURLWithPath: bundle))
        Console.show(report.description)
        if !report.isClean { throw ExitCode(1) }
    }
}
