import Foundation

/// A calendar day as the timetable writes it, `YYYY-MM-DD`, in the site's time zone.
public struct LocalDate: Sendable, Hashable, Comparable, LosslessStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The date, or `nil` when there is no such day (`2026-02-30`); years run from 1 to 9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.numberOfDays(inMonth: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD`, exactly: four digits, two, two.
    public init?(_ description: String) {
        let parts = description.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.map(\.count) == [4, 2, 2], parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `2026-05-20`.
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// The day of the week, 1 for Monday through 7 for Sunday.
    public var isoWeekday: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let weekdayFromSunday = calendar.component(.weekday, from: instant(at: .midnight, in: .gmt))
        return (weekdayFromSunday + 5) % 7 + 1
    }

    /// The instant `time` on this day is in `timeZone`.
    ///
    /// In the rare zone that skips or repeats an hour, a time inside the skipped hour moves
    /// forward and a repeated time means its first occurrence, as `Calendar` decides.
    public func instant(at time: LocalTime, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: year, month: month, day: day, hour: time.hour, minute: time.minute)
        guard let instant = calendar.date(from: components) else {
            preconditionFailure("the Gregorian calendar has no instant for \(self) \(time) in \(timeZone.identifier)")
        }
        return instant
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func numberOfDays(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension LocalDate: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a date YYYY-MM-DD"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
