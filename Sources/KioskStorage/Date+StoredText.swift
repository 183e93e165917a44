import Foundation
import KioskCore

extension Date {
    /// The text GRDB stores for this instant, `yyyy-MM-dd HH:mm:ss.SSS` in UTC, written by hand.
    ///
    /// GRDB formats a `Date` argument with a `DateFormatter`, which on the autosave path cost more
    /// than the statement it was bound to. This gives the same text (to the nearest millisecond, as
    /// Foundation's formatter rounds), so stored instants keep comparing as text in SQL.
    public var storedText: String {
        // Milliseconds since 1970, from Foundation's seconds since 2001, as its formatter computes them.
        let milliseconds = Int64(((timeIntervalSinceReferenceDate + Date.timeIntervalBetween1970AndReferenceDate) * 1000).rounded())
        let civil = CivilTime(millisecondsSince1970: milliseconds)
        let millisecondOfDay = civil.millisecondOfDay
        // Written straight into the string's storage: three instants are stored with every autosave.
        return String(unsafeUninitializedCapacity: 23) { text in
            var end = 0
            func append(_ value: Int64, digits: Int) {
                var divisor: Int64 = 1
                for _ in 1..<digits { divisor *= 10 }
                var rest = value
                while divisor > 0 {
                    text[end] = UInt8(ascii: "0") + UInt8(rest / divisor % 10)
                    end += 1
                    rest %= divisor
                    divisor /= 10
                }
            }
            func append(_ separator: Unicode.Scalar) {
                text[end] = UInt8(ascii: separator)
                end += 1
            }
            append(civil.year, digits: 4)
            append("-")
            append(civil.month, digits: 2)
            append("-")
            append(civil.day, digits: 2)
            append(" ")
            append(millisecondOfDay / 3_600_000, digits: 2)
            append(":")
            append(millisecondOfDay / 60_000 % 60, digits: 2)
            append(":")
            append(millisecondOfDay / 1000 % 60, digits: 2)
            append(".")
            append(millisecondOfDay % 1000, digits: 3)
            return end
        }
    }
}
