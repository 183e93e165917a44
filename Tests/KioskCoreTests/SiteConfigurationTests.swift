import Foundation
import Testing
@testable import KioskCore

@Suite("Site configuration")
struct SiteConfigurationTests {
    @Test func decodesKioskJSON() throws {
        let site = try JSONDecoder().decode(SiteConfiguration.self, from: BundleFixtures.data("bundles/clean/kiosk.json"))
        #expect(site.site.code == "650102-017")
        #expect(site.site.name.text(in: .en) == "Urumqi No. 17 Primary School")
        #expect(site.timeZone == TimeZone(identifier: "Asia/Urumqi"))
        #expect(site.languages == [.zhCN, .en])
    }

    @Test func anOptionalBackupHasDefaults() throws {
        let json = #"{"site": {"code": "X1", "name": {"zh-CN": "学校"}}, "timeZone": "Asia/Shanghai", "backup": {"path": "/media/usb"}}"#
        let site = try JSONDecoder().decode(SiteConfiguration.self, from: Data(json.utf8))
        #expect(site.backup == BackupPolicy(path: "/media/usb", everyMinutes: 10, keep: 24))
        let again = try JSONDecoder().decode(SiteConfiguration.self, from: JSONEncoder().encode(site))
        #expect(again == site)
    }

    @Test func languagesDefaultToChinese() throws {
        let json = #"{"site": {"code": "X1", "name": {"zh-CN": "学校"}}, "timeZone": "Asia/Shanghai"}"#
        let site = try JSONDecoder().decode(SiteConfiguration.self, from: Data(json.utf8))
        #expect(site.languages == [.zhCN])
        #expect(site.site.name.text(in: .en) == "学校")
    }

    @Test(arguments: [
        (#""timeZone": "Asia/Urumqui""#, "$.timeZone: invalid_time_zone"),
        (#""timeZone": "Asia/Shanghai", "languages": ["en", "zh-CN"]"#, "$.languages: invalid_languages"),
        (#""timeZone": "Asia/Shanghai", "languages": ["zh-CN", "fr"]"#, "$.languages: invalid_languages"),
        (#""timeZone": "Asia/Shanghai", "backup": {"path": "usb"}"#, "$.backup.path: invalid_value"),
        (#""timeZone": "Asia/Shanghai", "backup": {"path": "/media/usb", "everyMinutes": 0}"#, "$.backup.everyMinutes: out_of_range"),
        (#""timeZone": "Asia/Shanghai", "backup": {"path": "/media/usb", "keep": 5000}"#, "$.backup.keep: out_of_range"),
    ])
    func rejects(_ fields: String, _ expected: String) {
        let json = #"{"site": {"code": "X1", "name": {"zh-CN": "学校"}}, "# + fields + "}"
        #expect {
            try JSONDecoder().decode(SiteConfiguration.self, from: Data(json.utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.debugDescription.hasPrefix(expected)
        }
    }

    @Test func encodesTheTimeZoneByIdentifier() throws {
        let site = try JSONDecoder().decode(SiteConfiguration.self, from: BundleFixtures.data("bundles/clean/kiosk.json"))
        let encoded = try JSONEncoder().encode(site)
        #expect(String(decoding: encoded, as: UTF8.self).contains(#""timeZone":"Asia\/Urumqi""#))
        #expect(try JSONDecoder().decode(SiteConfiguration.self, from: encoded) == site)
    }
}
