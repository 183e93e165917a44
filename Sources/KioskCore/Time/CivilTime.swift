/// An instant's reading on the proleptic Gregorian calendar's wall clock, from milliseconds since
/// 1970 without a `Calendar`: the database's instants and the export's are written by the
/// million, where Foundation's formatters cost more than the rest of the work.
public struct CivilTime: Equatable, Sendable {
    public let year: Int64
    public let month: Int64
    public let day: Int64
    /// Milliseconds since the day's midnight.
    public let millisecondOfDay: Int64

    /// The reading of the instant `milliseconds` after 1970-01-01 00:00 on the same clock (add an
    /// offset first for local time). The date is Howard Hinnant's `civil_from_days`.
    public init(millisecondsSince1970 milliseconds: Int64) {
        let (days, millisecondOfDay) = milliseconds.floorDivided(by: 86_400_000)
        let shifted = days + 719_468
        let era = shifted.floorDivided(by: 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        self.millisecondOfDay = millisecondOfDay
    }
}

extension Int64 {
    /// The quotient rounded towards minus infinity, and the remainder that goes with it (never negative).
    public func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
