import Foundation
import KioskCore
import KioskServer

/// The demonstration bundle compiled into the program (the files of `Sources/kiosk/DemoBundle`),
/// written out as a bundle folder with its timetable moved to today and one session open now.
enum DemoBundle {
    /// The bundle's files, by their path inside the bundle.
    static let files: [(path: String, bytes: [UInt8])] = [
        ("kiosk.json", PackageResources.kiosk_json),
        ("timetable.json", PackageResources.timetable_json),
        ("roster.csv", PackageResources.roster_csv),
        ("instruments/G4-STU-1.json", PackageResources.G4_STU_1_json),
        ("instruments/G4-STU-2.json", PackageResources.G4_STU_2_json),
        ("instruments/G4-STU-3.json", PackageResources.G4_STU_3_json),
        ("instruments/G8-STU-1.json", PackageResources.G8_STU_1_json),
        ("instruments/TCH-1.json", PackageResources.TCH_1_json),
        ("instruments/PRN-1.json", PackageResources.PRN_1_json),
    ]

    /// Writes the bundle into `folder` (replacing what was there), dated `now` in the site's zone.
    static func write(to folder: URL, now: Date) throws {
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: folder)
        try fileManager.createDirectory(at: folder.appendingPathComponent("instruments"), withIntermediateDirectories: true)
        for file in files where file.path != "timetable.json" {
            try Data(file.bytes).write(to: folder.appendingPathComponent(file.path))
        }
        let site = try JSONDecoder().decode(SiteConfiguration.self, from: Data(PackageResources.kiosk_json))
        let timetable = try JSONDecoder().decode(Timetable.self, from: Data(PackageResources.timetable_json))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let sessions = DemoTimetable.redated(timetable.sessions, now: now, in: site.timeZone)
        try encoder.encode(["sessions": sessions]).write(to: folder.appendingPathComponent("timetable.json"))
    }
}
