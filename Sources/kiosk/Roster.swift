import ArgumentParser
import Foundation
import KioskCore
import KioskServer
import KioskStorage

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Work with the loaded roster.",
        subcommands: [Codes.self])

    struct Codes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give participants access codes and write their login slips.",
            discussion: """
                Gives a code to every participant who has none (with --all: a new code to everyone, and the
                old codes stop working). Only the codes' hashes are stored. The codes themselves are written
                once, to login-slips.html (print it: 8 slips per A4 sheet) and login-codes.csv (id, name,
                code, for mail merge). Keep both files as confidential as the roster.
                """)

        @Option(help: "The kiosk's data folder.")
        var data: String = "./kiosk-data"

        @Option(help: "Where to write the slips (default: the data folder).")
        var out: String?

        @Flag(help: "Replace every participant's code, not only give codes to those without one.")
        var all = false

        func run() throws {
            let written = try LoginSlipFiles.issue(dataDirectory: data, outputDirectory: out ?? data, all: all)
            Console.show(written.description)
        }
    }
}

/// Issuing codes and writing the slip files, shared by `kiosk roster codes` and `kiosk demo`.
enum LoginSlipFiles {
    struct Written: CustomStringConvertible {
        var slips: [LoginSlip]
        var htmlPath: String
        var csvPath: String

        var description: String {
            if slips.isEmpty {
                return "每位参与者都已有访问码，未生成新码（要全部重发请加 --all）/ everyone already has a code; none issued (use --all to replace them)"
            }
            return """
                已为 \(slips.count) 名参与者生成访问码 / issued \(slips.count) access codes
                  登录条（打印）/ login slips to print: \(htmlPath)
                  邮件合并 / mail-merge CSV:          \(csvPath)
                这两个文件含有访问码，请与名单一样保密 / both files hold the codes: keep them as confidential as the roster
                """
        }
    }

    static let htmlName = "login-slips.html"
    static let csvName = "login-codes.csv"

    /// The code printed for `participantID` in the mail-merge file of `folder`, if there is one.
    static func printedCode(of participantID: String, in folder: String) throws -> String? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + csvName) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if cells.count >= 3, cells[0].trimmingCharacters(in: ["\u{FEFF}"]) == participantID {
                return cells[cells.count - 1]
            }
        }
        return nil
    }

    static func issue(dataDirectory: String, outputDirectory: String, all: Bool, now: Date = Date()) throws -> Written {
        let database = try KioskDatabase(path: dataDirectory + "/kiosk.sqlite")
        defer { try? database.close() }
        let issued = try LoginSlipIssuer(database: database).issue(all: all, actor: OperatorName.current, now: now)
        let html = outputDirectory + "/" + htmlName
        let csv = outputDirectory + "/" + csvName
        if !issued.slips.isEmpty {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
            let renderer = LoginSlipRenderer(site: issued.site)
            try Data(renderer.html(for: issued.slips).utf8).write(to: URL(fileURLWithPath: html), options: .atomic)
            try renderer.mailMergeCSV(for: issued.slips).write(to: URL(fileURLWithPath: csv), options: .atomic)
            for path in [html, csv] { chmod(path, 0o600) }
        }
        return Written(slips: issued.slips, htmlPath: html, csvPath: csv)
    }
}
