import Foundation
import KioskCore

/// Instants as the export writes them: ISO 8601 with the site's UTC offset
/// (`2026-11-23T09:31:05+08:00`), so a reader sees the lab's wall clock and the exact instant.
///
/// Formatted by hand from milliseconds since 1970: the event log and the paradata write one or two
/// per line, where `ISO8601DateFormatter` cost more than the rest of the line. The text is the
/// formatter's (`Z` for a zero offset, seconds cut, not rounded, where milliseconds are left out)
/// for the years 0 to 9999.
final class ExportTime {
    private let timeZone: TimeZone
    /// The hour (since 1970, UTC) whose offset was looked up last, and that offset in seconds.
    private var cachedHour = Int64.min
    private var cachedOffset = 0

    private static let millisecondsPerHour: Int64 = 3_600_000

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    func text(_ date: Date?) -> String {
        date.map { string(milliseconds: Self.milliseconds($0), precise: false) } ?? ""
    }

    func preciseText(_ date: Date?) -> String {
        date.map { string(milliseconds: Self.milliseconds($0), precise: true) } ?? ""
    }

    /// Appends the instant `milliseconds` after 1970 UTC, with its milliseconds when `precise`.
    func append(milliseconds: Int64, precise: Bool, to bytes: inout [UInt8]) {
        let offset = offsetSeconds(atMilliseconds: milliseconds)
        let local = milliseconds + Int64(offset) * 1000
        let civil = CivilTime(millisecondsSince1970: local)
        let millisecondOfDay = civil.millisecondOfDay
        bytes.appendTwoDigits(civil.year / 100)
        bytes.appendTwoDigits(civil.year)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendTwoDigits(civil.month)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendTwoDigits(civil.day)
        bytes.append(UInt8(ascii: "T"))
        let second = millisecondOfDay / 1000
        bytes.appendTwoDigits(second / 3600)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendTwoDigits(second / 60 % 60)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendTwoDigits(second % 60)
        if precise {
            bytes.append(UInt8(ascii: "."))
            bytes.appendThreeDigits(millisecondOfDay)
        }
        guard offset != 0 else { return bytes.append(UInt8(ascii: "Z")) }
        bytes.append(UInt8(ascii: offset < 0 ? "-" : "+"))
        let minutes = Int64(abs(offset) / 60)
        bytes.appendTwoDigits(minutes / 60)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendTwoDigits(minutes % 60)
    }

    private func string(milliseconds: Int64, precise: Bool) -> String {
        var bytes: [UInt8] = []
        append(milliseconds: milliseconds, precise: precise, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The instant to the nearest millisecond (stored instants are whole milliseconds).
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The site's UTC offset at the instant. An hour whose first and last millisecond have the same
    /// offset has it throughout (offsets change at most once an hour), so it is looked up once.
    private func offsetSeconds(atMilliseconds milliseconds: Int64) -> Int {
        let hour = milliseconds.floorDivided(by: Self.millisecondsPerHour).quotient
        if hour == cachedHour { return cachedOffset }
        func offset(_ milliseconds: Int64) -> Int {
            timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
        let start = offset(hour * Self.millisecondsPerHour)
        guard start == offset((hour + 1) * Self.millisecondsPerHour - 1) else { return offset(milliseconds) }
        cachedHour = hour
        cachedOffset = start
        return start
    }
}

