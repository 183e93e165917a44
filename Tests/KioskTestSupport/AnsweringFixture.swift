import Foundation
import KioskCore
import KioskServer
import KioskStorage

/// The demo bundle loaded into a test kiosk with a timetable made for the test, and access codes
/// issued (with a cheap scrypt cost, so that tests stay fast).
public struct AnsweringFixture {
    public static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    public static let demoFolder = URL(fileURLWithPath: Repository.root + "/Sources/kiosk/DemoBundle")

    /// 2026-11-23 at `hour`:`minute` in Shanghai.
    public static func localTime(_ hour: Int, _ minute: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = shanghai
        return calendar.date(from: DateComponents(year: 2026, month: 11, day: 23, hour: hour, minute: minute))!
    }

    /// Today's date in Shanghai, for sessions a test on the real clock needs open now.
    public static var today: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = shanghai
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// A session on `date` (2026-11-23 unless given) from `start` to `end` (HH:MM).
    public static func session(
        _ id: String, instrument: String, grade: Int, start: String, end: String?, duration: Int?, proctorStart: Bool,
        date: String = "2026-11-23"
    ) -> Session {
        Session(
            id: id, title: LocalizedText(zhCN: "测试场次 \(id)", en: "Test session \(id)"),
            date: LocalDate(date)!, start: LocalTime(start)!, end: end.flatMap(LocalTime.init),
            instrumentID: instrument, audience: Audience(role: .student, grades: [grade]),
            durationMinutes: duration, proctorStart: proctorStart)
    }

    /// Participant ID → access code as printed.
    public let codes: [String: String]

    /// Loads the demo bundle with `sessions` as its timetable into `database` and issues codes.
    public init(database: KioskDatabase, sessions: [Session], at now: Date) throws {
        var bundle = try DeploymentBundle.load(from: Self.demoFolder)
        bundle.timetable = Timetable(sessions: sessions)
        _ = try BundleInstallation(bundle: bundle, fingerprints: bundle.fingerprints, actor: "test", now: now)
            .install(into: database)
        var issuer = LoginSlipIssuer(database: database)
        issuer.hasher.rounds = 1 << 8
        let slips = try issuer.issue(all: true, actor: "test", now: now).slips
        codes = Dictionary(uniqueKeysWithValues: slips.map { ($0.participant.id, $0.accessCode.formatted) })
    }
}
