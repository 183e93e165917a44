import Foundation
import Testing
@testable import KioskCore

@Suite("Login slips")
struct LoginSlipTests {
    private let site = SiteConfiguration(
        site: .init(code: "650102-017", name: LocalizedText(zhCN: "乌鲁木齐市第十七小学 & <附属>")),
        timeZone: TimeZone(identifier: "Asia/Urumqi")!)

    private func slips(count: Int, name: String = "张三") throws -> [LoginSlip] {
        var generator = AccessCodeGenerator(source: SeededGenerator(state: 7))
        let session = Session(
            id: "G4-D1-Q1", title: LocalizedText(zhCN: "学生问卷（一）"), date: try #require(LocalDate("2026-05-20")),
            start: try #require(LocalTime("14:00")), end: LocalTime("14:30"), instrumentID: "G4-STU-1",
            audience: Audience(role: .student, grades: [4]))
        return (0..<count).map { index in
            LoginSlip(
                participant: RosterEntry(id: "S\(index)", role: .student, grade: 4, className: "4(1)", name: name),
                accessCode: generator.next(), sessions: [session])
        }
    }

    @Test func escapesEveryValue() throws {
        let html = LoginSlipRenderer(site: site).html(for: try slips(count: 1, name: "<script>alert('x')</script>"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("乌鲁木齐市第十七小学 &amp; &lt;附属&gt;"))
    }

    @Test func printsEightSlipsASheetWithEverythingOnThem() throws {
        let slips = try slips(count: 17)
        let html = LoginSlipRenderer(site: site).html(for: slips)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(html.components(separatedBy: "<section class=\"sheet\">").count - 1 == 3)
        #expect(html.components(separatedBy: "<div class=\"slip\">").count - 1 == 17)
        #expect(html.contains("size: A4 portrait"))
        #expect(html.contains("@media print"))
        #expect(html.contains("break-inside: avoid"))
        #expect(!html.contains("<link") && !html.contains("src="))
        #expect(html.contains("<div class=\"code\">\(slips[0].accessCode.formatted)</div>"))
        #expect(html.contains("编号 ID <b class=\"id\">S0</b>"))
        #expect(html.contains("班级 4(1)"))
        #expect(html.contains("5月20日 周三 14:00–14:30 学生问卷（一）"))
        #expect(html.contains("Asia/Urumqi 当地时间"))
        #expect(html.contains("请妥善保管，勿给他人 / keep it to yourself"))
    }

    @Test func mailMergeCSVOpensInChineseExcel() throws {
        let slips = try slips(count: 2, name: "=HYPERLINK(\"x\"), 张三")
        let data = LoginSlipRenderer(site: site).mailMergeCSV(for: slips)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = try #require(String(data: data.dropFirst(3), encoding: .utf8))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,name,code")
        #expect(lines[1] == "S0,\"'=HYPERLINK(\"\"x\"\"), 张三\",\(slips[0].accessCode.formatted)")
        #expect(lines.count == 4 && lines[3].isEmpty)
    }
}
