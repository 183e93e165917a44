import Foundation

/// Instants as the export writes them: ISO 8601 with the site's UTC offset
/// (`2026-11-23T09:31:05+08:00`), so a reader sees the lab's wall clock and the exact instant.
struct ExportTime {
    private let seconds: ISO8601DateFormatter
    private let milliseconds: ISO8601DateFormatter

    init(timeZone: TimeZone) {
        seconds = ISO8601DateFormatter()
        seconds.timeZone = timeZone
        seconds.formatOptions = [.withInternetDateTime]
        milliseconds = ISO8601DateFormatter()
        milliseconds.timeZone = timeZone
        milliseconds.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    }

    func text(_ date: Date?) -> String {
        date.map(seconds.string(from:)) ?? ""
    }

    func preciseText(_ date: Date?) -> String {
        date.map(milliseconds.string(from:)) ?? ""
    }
}
