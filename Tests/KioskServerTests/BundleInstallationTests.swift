import Foundation
import GRDB
import KioskCore
import KioskServer
import KioskStorage
import KioskTestSupport
import Testing

/// `kiosk init`'s work: the bundle goes into the database whole, frozen once started, and every
/// later roster change is in the audit log.
@Suite struct BundleInstallationTests {
    let folder: TemporaryDirectory
    let database: KioskDatabase
    let demo: DeploymentBundle
    static let demoFolder = URL(fileURLWithPath: Repository.root + "/Sources/kiosk/DemoBundle")
    static let morning = Date(timeIntervalSince1970: 1_795_392_000) // 2026-11-22 00:00 in Shanghai, the day before

    init() throws {
        folder = try TemporaryDirectory()
        database = try KioskDatabase(path: folder.file("kiosk.sqlite"))
        demo = try DeploymentBundle.load(from: Self.demoFolder)
    }

    private func install(_ bundle: DeploymentBundle, at now: Date = morning) throws -> BundleInstallation.Summary {
        try BundleInstallation(bundle: bundle, fingerprints: bundle.fingerprints, actor: "test", now: now)
            .install(into: database)
    }

    @Test func theDemoBundleRoundTrips() throws {
        let summary = try install(demo)
        #expect(summary.instrumentsAdded.count == 6)
        let stored = try #require(try database.pool.read(InstalledBundle.read))
        #expect(stored.site == demo.site)
        #expect(stored.timetable == demo.timetable)
        #expect(stored.roster == demo.roster)
        #expect(Set(stored.instruments) == Set(demo.instruments))
        #expect(try database.pool.read(InstalledBundle.fingerprints) == demo.fingerprints)
        let windows = try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, opens_at, closes_at FROM session")
        }
        for row in windows {
            let session = try #require(demo.timetable.session(withID: row["id"]))
            #expect(row["opens_at"] as Date == demo.window(of: session).start)
            #expect(row["closes_at"] as Date? == demo.window(of: session).end)
        }
    }

    @Test func loadingTheSameBundleTwiceChangesNothing() throws {
        _ = try install(demo)
        let again = try install(demo)
        #expect(again.instrumentsUnchanged.count == 6)
        #expect(again.participantsAdded.isEmpty && again.participantsChanged.isEmpty && again.participantsRemoved.isEmpty)
    }

    @Test func aStartedInstrumentCannotBeReplacedAndNothingIsLoaded() throws {
        _ = try install(demo)
        try database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO attempt (participant_id, session_id, instrument_id, instrument_hash, created_at)
                VALUES ('G4S001', 'G4-Q1', 'G4-STU-1', ?, ?)
                """, arguments: [demo.fingerprints["G4-STU-1"], Self.morning])
        }
        var changed = demo
        let index = try #require(changed.instruments.firstIndex { $0.id == "G4-STU-1" })
        changed.instruments[index].version = "2026.2"
        changed.roster.entries[0].name = "改过的名字"
        #expect(throws: BundleInstallationError(refusals: [.instrumentChanged("G4-STU-1")])) {
            try install(changed)
        }
        let stored = try #require(try database.pool.read(InstalledBundle.read))
        #expect(stored.roster == demo.roster, "a refused load changed the roster")
        #expect(try database.pool.read(InstalledBundle.fingerprints)["G4-STU-1"] == demo.fingerprints["G4-STU-1"])
    }

    @Test func anUnstartedInstrumentMayBeReplacedAndTheReplacementIsAudited() throws {
        _ = try install(demo)
        var changed = demo
        let index = try #require(changed.instruments.firstIndex { $0.id == "TCH-1" })
        changed.instruments[index].version = "2026.2"
        let summary = try install(changed)
        #expect(summary.instrumentsReplaced == ["TCH-1"])
        let audit = try database.pool.read(AuditEntry.all)
        #expect(audit.contains { $0.action == "instrument.replace" && $0.subject == "TCH-1" })
    }

    @Test func rosterChangesAfterTheDayStartedAreAuditedOneByOne() throws {
        _ = try install(demo)
        var changed = demo
        changed.roster.entries.removeAll { $0.id == "G8S030" }
        changed.roster.entries[1].className = "4(3)"
        changed.roster.entries.append(RosterEntry(id: "G4S031", role: .student, grade: 4, className: "4(2)", name: "新同学", gender: .female, school: demo.site.site.code))
        let firstSession = try #require(demo.timetable.sessions.filter { $0.instrumentID != nil && !$0.practice }
            .map { demo.window(of: $0).start }.min())
        let summary = try install(changed, at: firstSession.addingTimeInterval(60))
        #expect(summary.rosterChangedAfterStart)
        let audit = try database.pool.read(AuditEntry.all)
        let roster = audit.filter { $0.action.hasPrefix("roster.") }
        #expect(Set(roster.map { "\($0.action) \($0.subject)" }) == [
            "roster.remove G8S030", "roster.change \(demo.roster.entries[1].id)", "roster.add G4S031",
        ])
        #expect(roster.allSatisfy { $0.detail.contains("\"afterDayStarted\":\"yes\"") && $0.actor == "test" })
    }

    @Test func someoneWhoStartedCannotBeRemovedFromTheRoster() throws {
        _ = try install(demo)
        try database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO attempt (participant_id, session_id, instrument_id, instrument_hash, created_at)
                VALUES ('G8S001', 'G8-Q1', 'G8-STU-1', ?, ?)
                """, arguments: [demo.fingerprints["G8-STU-1"], Self.morning])
        }
        var changed = demo
        changed.roster.entries.removeAll { $0.id == "G8S001" }
        #expect(throws: BundleInstallationError(refusals: [.participantRemoved("G8S001")])) {
            try install(changed)
        }
    }

    @Test func accessCodesAreStoredOnlyAsHashesAndVerify() throws {
        _ = try install(demo)
        let issuer = LoginSlipIssuer(database: database)
        let issued = try issuer.issue(all: false, actor: "test", now: Self.morning)
        #expect(issued.slips.count == demo.roster.entries.count)
        let slip = issued.slips[0]
        let stored = try #require(try database.pool.read { db in try AccessCodeHashes.hash(for: slip.participant.id, db) })
        #expect(!stored.contains(slip.accessCode.normalized))
        #expect(SecretHasher().verify(slip.accessCode, against: stored))
        #expect(!SecretHasher().verify(issued.slips[1].accessCode, against: stored))
        #expect(slip.sessions.allSatisfy { $0.instrumentID != nil }, "a subject test is on a login slip")
        #expect(try issuer.issue(all: false, actor: "test", now: Self.morning).slips.isEmpty)
    }

    @Test(arguments: [0, 9 * 60 + 30, 15 * 60 + 10, 23 * 60 + 30])
    func theDemoTimetableIsValidAtAnyHour(minuteOfDay: Int) throws {
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        let now = Self.morning.addingTimeInterval(TimeInterval(minuteOfDay * 60))
        var redated = demo
        redated.timetable.sessions = DemoTimetable.redated(demo.timetable.sessions, now: now, in: shanghai)
        let bundleFolder = try TemporaryDirectory()
        try FileManager.default.copyItem(atPath: Self.demoFolder.path, toPath: bundleFolder.file("bundle"))
        let encoder = JSONEncoder()
        try encoder.encode(["sessions": redated.timetable.sessions])
            .write(to: URL(fileURLWithPath: bundleFolder.file("bundle/timetable.json")))
        let report = BundleChecker().check(bundleAt: URL(fileURLWithPath: bundleFolder.file("bundle")))
        #expect(report.errors.isEmpty, "\(report.errors.map(\.description))")
        let openNow = try #require(redated.timetable.session(withID: DemoTimetable.openNowSessionID))
        #expect(redated.window(of: openNow).contains(now))
    }
}
