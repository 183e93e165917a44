import Foundation

/// A line on standard error saying what the bench is doing.
func progress(_ message: String) {
    FileHandle.standardError.write(Data("==> \(message)\n".utf8))
}
