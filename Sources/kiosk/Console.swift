import Foundation

/// Messages for the person at the terminal, written at once (not held in a buffer until exit).
enum Console {
    static func show(_ message: String) {
        FileHandle.standardOutput.write(Data((message + "\n").utf8))
    }
}
