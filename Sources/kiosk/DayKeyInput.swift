import ArgumentParser
import Foundation
import KioskCore

/// How a command is given the day's key: asked for at the terminal (`--key`), or read from a file
/// the monitoring centre handed over (`--key-file`). Never an argument, which `ps` would show to
/// anyone on the machine, and never a file the kiosk wrote: the kiosk writes the key nowhere.
struct DayKeyInput: ParsableArguments {
    @Flag(name: .customLong("key"), help: ArgumentHelp(
        "Ask for the day's key (typed without echo; read from standard input when it is not a terminal)."))
    var asksForKey = false

    @Option(name: .customLong("key-file"), help: ArgumentHelp(
        "Read the day's key from the first line of this file (e.g. on the monitoring centre's USB stick).",
        valueName: "FILE"), completion: .file())
    var keyFile: String?

    /// Whether a key was asked for.
    var isGiven: Bool { asksForKey || keyFile != nil }

    /// The key, or nil when none was asked for; a key that cannot be one is refused.
    func key() throws -> DayKey? {
        let typed: String
        if let keyFile {
            guard let text = try? String(contentsOfFile: keyFile, encoding: .utf8) else {
                throw ValidationError("无法读取密钥文件 \(keyFile) / cannot read the key file \(keyFile)")
            }
            typed = String(text.split(whereSeparator: \.isNewline).first ?? "")
        } else if asksForKey {
            if isatty(STDIN_FILENO) != 0 {
                typed = try PasswordPrompt.read("当日密钥 / the day's key: ")
            } else {
                typed = readLine(strippingNewline: true) ?? ""
            }
        } else {
            return nil
        }
        guard let key = DayKey(typed: typed) else {
            throw ValidationError("""
                当日密钥应为 20 个字符，每 4 个一组，如 K7RM-X4PT-9ACD-EFGH-JKMN / \
                the day's key has 20 characters in groups of four, like K7RM-X4PT-9ACD-EFGH-JKMN
                """)
        }
        return key
    }

    func validate() throws {
        if asksForKey && keyFile != nil {
            throw ValidationError("--key 与 --key-file 只能选一个 / give either --key or --key-file, not both")
        }
    }
}
