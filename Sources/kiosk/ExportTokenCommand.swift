import ArgumentParser
import Foundation
import KioskServer
import KioskStorage

/// `kiosk export-token`: tokens for collection scripts that export over HTTP.
struct ExportTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-token",
        abstract: "管理导出令牌 / Manage the tokens collection scripts export with.",
        discussion: """
            A script sends the token as `Authorization: Bearer TOKEN` to /api/v1/export/.... The token is
            shown once, when it is created; the kiosk keeps only its SHA-256.
            """,
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it once.")

        @Argument(help: "A name for the token, such as the script or machine that uses it.")
        var name: String

        @Option(help: "The kiosk's data folder.")
        var data: String = "./kiosk-data"

        func run() throws {
            guard (1...64).contains(name.count) else { throw ValidationError("名称须为 1 到 64 个字符 / a name has 1 to 64 characters") }
            let token = try ExportTokenIssuer(database: try KioskDatabase(path: data + "/kiosk.sqlite"))
                .create(name: name, actor: OperatorName.current)
            Console.show(token)
            FileHandle.standardError.write(Data("这是令牌唯一一次显示，请妥善保存 / this is the only time the token is shown: keep it safe\n".utf8))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tokens (never their values).")

        @Option(help: "The kiosk's data folder.")
        var data: String = "./kiosk-data"

        func run() throws {
            for token in try ExportTokenIssuer(database: try KioskDatabase(path: data + "/kiosk.sqlite")).tokens() {
                let state = token.revokedAt == nil ? "" : "  （已吊销 / revoked）"
                Console.show("\(token.name)\t\(token.createdBy)\t\(token.createdAt)\(state)")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: it stops working at once.")

        @Argument(help: "The token's name.")
        var name: String

        @Option(help: "The kiosk's data folder.")
        var data: String = "./kiosk-data"

        func run() throws {
            try ExportTokenIssuer(database: try KioskDatabase(path: data + "/kiosk.sqlite")).revoke(name: name, actor: OperatorName.current)
            Console.show("已吊销 / revoked \(name)")
        }
    }
}
