import Foundation

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
        let (days, millisecondOfDay) = local.floorDivided(by: 86_400_000)
        let (year, month, day) = Self.civilDate(daysSince1970: days)
        bytes.appendTwoDigits(year / 100)
        bytes.appendTwoDigits(year)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendTwoDigits(month)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendTwoDigits(day)
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

    /// The proleptic Gregorian year, month and day of a day counted from 1970-01-01
    /// (Howard Hinnant's `civil_from_days`).
    static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = shifted.floorDivided(by: 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

private extension Int64 {
    /// Quotient rounded towards minus infinity, and the remainder that goes with it (never negative).
    func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
