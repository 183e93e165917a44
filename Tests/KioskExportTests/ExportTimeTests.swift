import Foundation
@testable import KioskExport
import Testing

/// The export's hand-made formatting gives exactly what Foundation's formatters gave before it.
@Suite struct ExportTimeTests {
    static let zones = ["Asia/Shanghai", "Asia/Urumqi", "UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]

    /// Whole milliseconds from 1950 to 2100 at random, and around the zone's first offset changes
    /// from 1986 (China's daylight-saving years) and from 2024.
    static func instants(in timeZone: TimeZone) -> [Int64] {
        var instants = (0..<3000).map { _ in Int64.random(in: -631_152_000_000...4_102_444_800_000) }
        for start in [Date(timeIntervalSince1970: 504_921_600), Date(timeIntervalSince1970: 1_704_067_200)] {
            var after = start
            for _ in 0..<4 {
                guard let change = timeZone.nextDaylightSavingTimeTransition(after: after) else { break }
                let milliseconds = Int64((change.timeIntervalSince1970 * 1000).rounded())
                instants += (-3...3).map { milliseconds + $0 }
                instants += stride(from: milliseconds - 3_600_000, through: milliseconds + 3_600_000, by: 900_000).map { $0 }
                after = change.addingTimeInterval(1)
            }
        }
        return instants + [0, -1, 999, 1000, -1000]
    }

    @Test(arguments: zones) func instantsReadAsFoundationWritesThem(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let seconds = ISO8601DateFormatter()
        seconds.timeZone = timeZone
        seconds.formatOptions = [.withInternetDateTime]
        let milliseconds = ISO8601DateFormatter()
        milliseconds.timeZone = timeZone
        milliseconds.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let time = ExportTime(timeZone: timeZone)
        for instant in Self.instants(in: timeZone) {
            let date = Date(timeIntervalSince1970: Double(instant) / 1000)
            #expect(time.text(date) == seconds.string(from: date), "\(zone) \(instant)")
            #expect(time.preciseText(date) == milliseconds.string(from: date), "\(zone) \(instant)")
            var bytes: [UInt8] = []
            time.append(milliseconds: instant, precise: true, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == milliseconds.string(from: date), "\(zone) \(instant)")
        }
    }

    @Test func numbersReadAsStringAndPrintfWriteThem() {
        let values: [Int64] = [0, 7, -7, 10, 99, 100, 12_345, -1_000_000, .max, .min] + (0..<2000).map { _ in .random(in: -10_000_000...10_000_000) }
        for value in values {
            var decimal: [UInt8] = []
            decimal.appendDecimal(value)
            #expect(String(decoding: decimal, as: UTF8.self) == String(value))
            guard value.magnitude < 1_000_000_000_000 else { continue }
            var seconds: [UInt8] = []
            seconds.appendSeconds(milliseconds: value)
            #expect(String(decoding: seconds, as: UTF8.self) == String(format: "%.3f", Double(value) / 1000), "\(value)")
        }
    }
}
