import ArgumentParser
import Foundation
import KioskCore
import KioskServer
import KioskStorage

/// `kiosk staff`: the accounts of proctors, the information officer and inspectors.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "管理工作人员账号 / Manage staff accounts (proctors, officers, inspectors).",
        discussion: """
            Roles: proctor (监测员) runs sessions and rescues participants; officer (信息员) does that and
            exports; inspector (督学) sees everything and changes nothing. Passwords are kept only as
            scrypt hashes.
            """,
        subcommands: [Add.self, List.self, Password.self, Disable.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account; the password is asked twice.")

        @Argument(help: "The account's name, as the person types it to log in.")
        var name: String

        @Option(help: "proctor, officer or inspector.")
        var role: StaffRole

        @OptionGroup var options: StaffOptions

        func run() throws {
            let password = try options.readPassword(for: name)
            try options.directory().add(name: name, role: role, password: password, actor: OperatorName.current)
            Console.show("已添加\(role.chineseName)账号 \(name) / added the \(role.rawValue) account \(name)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")

        @OptionGroup var options: StaffOptions

        func run() throws {
            let accounts = try options.directory().accounts()
            if accounts.isEmpty {
                Console.show("还没有账号：kiosk staff add NAME --role proctor / no accounts yet")
            }
            for account in accounts {
                let state = account.disabledAt == nil ? "" : "  （已停用 / disabled）"
                Console.show("\(account.name)\t\(account.role.rawValue)\t\(account.role.chineseName)\(state)")
            }
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a new password (and enable a disabled account); its logins end.")

        @Argument(help: "The account's name.")
        var name: String

        @OptionGroup var options: StaffOptions

        func run() throws {
            let password = try options.readPassword(for: name)
            try options.directory().setPassword(name: name, password: password, actor: OperatorName.current)
            Console.show("已更新 \(name) 的密码 / set a new password for \(name)")
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account; its logins end.")

        @Argument(help: "The account's name.")
        var name: String

        @OptionGroup var options: StaffOptions

        func run() throws {
            try options.directory().disable(name: name, actor: OperatorName.current)
            Console.show("已停用 \(name) / disabled \(name)")
        }
    }
}

extension StaffRole: ExpressibleByArgument {}

/// The options every `kiosk staff` command shares.
struct StaffOptions: ParsableArguments {
    @Option(help: "The kiosk's data folder.")
    var data: String = "./kiosk-data"

    @Flag(help: "Read the password from the first line of standard input (for scripts), not the terminal.")
    var passwordStdin = false

    func directory() throws -> StaffDirectory {
        StaffDirectory(database: try KioskDatabase(path: data + "/kiosk.sqlite"))
    }

    func readPassword(for name: String) throws -> String {
        if passwordStdin {
            guard let line = readLine(strippingNewline: true) else {
                throw ValidationError("标准输入中没有密码 / no password on standard input")
            }
            return line
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw ValidationError("请在终端运行，或使用 --password-stdin / run at a terminal, or use --password-stdin")
        }
        let first = try PasswordPrompt.read("\(name) 的密码 / password: ")
        let second = try PasswordPrompt.read("再输入一次 / again: ")
        guard first == second else { throw ValidationError("两次输入的密码不一致 / the passwords differ") }
        return first
    }
}
