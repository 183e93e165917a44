import Foundation

/// Prints login slips: a self-contained HTML page of A4 sheets to cut apart, and a CSV of the same
/// codes for a mail merge.
///
/// The roster with its codes is printed on the morning of the day (名册密件): whoever holds the page
/// holds the codes, so it is made on demand and never stored.
public struct LoginSlipRenderer: Sendable {
    public var site: SiteConfiguration

    /// Slips on one A4 sheet: two columns of four.
    public static let slipsPerSheet = 8

    public init(site: SiteConfiguration) {
        self.site = site
    }

    /// A printable HTML page (zh-CN, A4 portrait, inline CSS only): eight slips to a sheet with
    /// dashed cut lines, page breaks only between sheets. Every value from the bundle is escaped.
    public func html(for slips: [LoginSlip]) -> String {
        let school = site.site.name.zhCN.htmlEscaped
        let sheets = stride(from: 0, to: slips.count, by: Self.slipsPerSheet).map { start in
            let sheetSlips = slips[start..<min(start + Self.slipsPerSheet, slips.count)]
            return "<section class=\"sheet\">\n" + sheetSlips.map(slipHTML).joined() + "</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>登录条 · \(school)</title>
            <style>
            \(Self.styleSheet)
            </style>
            </head>
            <body>
            <p class="instructions">打印：A4 纵向，缩放 100%，不打印页眉页脚。沿虚线剪开，每人一张。登录条属名册密件，打印后妥善保管，用毕回收。<br>
            Print on A4 portrait at 100% scale without headers and footers, cut along the dashed lines, one slip per person. The slips are confidential: keep them safe and collect them afterwards.</p>
            \(sheets.joined())</body>
            </html>

            """
    }

    /// A mail-merge CSV with the columns `id`, `name` and `code`: UTF-8 with a byte order mark so
    /// that Chinese Excel opens it as UTF-8, CRLF line ends, fields quoted as RFC 4180 says.
    ///
    /// A name beginning with `=`, `+`, `-`, `@` or a tab is prefixed with `'` so that a spreadsheet
    /// shows it rather than running it as a formula.
    public func mailMergeCSV(for slips: [LoginSlip]) -> Data {
        let rows = [["id", "name", "code"]]
            + slips.map { [$0.participant.id, $0.participant.name.neutralizingFormula, $0.accessCode.formatted] }
        let text = rows.map { $0.map(\.csvField).joined(separator: ",") + "\r\n" }.joined()
        return Data("\u{FEFF}\(text)".utf8)
    }

    private func slipHTML(_ slip: LoginSlip) -> String {
        let participant = slip.participant
        let details = [
            participant.className.map { "<span>班级 \($0.htmlEscaped)</span>" },
            "<span>编号 ID <b class=\"id\">\(participant.id.htmlEscaped)</b></span>",
        ]
        let sessions = slip.sessions.map { "<li>\(sessionLine($0))</li>" }.joined()
        return """
            <div class="slip">
            <div class="school">\(site.site.name.zhCN.htmlEscaped)</div>
            <div class="name">\(participant.name.htmlEscaped)</div>
            <div class="details">\(details.compactMap { $0 }.joined(separator: " "))</div>
            <div class="code-label">访问码 Access code</div>
            <div class="code">\(slip.accessCode.formatted.htmlEscaped)</div>
            <div class="sessions-label">场次 Sessions（\(site.timeZone.identifier.htmlEscaped) 当地时间）</div>
            <ul class="sessions">\(sessions)</ul>
            <div class="keep">请妥善保管，勿给他人 / keep it to yourself</div>
            </div>

            """
    }

    /// `5月20日 周三 14:00–14:30 学生问卷（一）`, in the site's local time (named above the list,
    /// since Xinjiang's and Tibet's schools keep local time, not Beijing time).
    private func sessionLine(_ session: Session) -> String {
        let weekdays = ["一", "二", "三", "四", "五", "六", "日"]
        let times = session.end.map { "\(session.start)–\($0)" } ?? "\(session.start) 起"
        let practice = session.practice ? "（练习）" : ""
        return "\(session.date.month)月\(session.date.day)日 周\(weekdays[session.date.isoWeekday - 1]) \(times) "
            + "\(session.title.zhCN.htmlEscaped)\(practice)"
    }

    /// The page's CSS: 190 × 280 mm of slips on A4 (10 mm side and 8 mm top margins, which any
    /// printer reaches), each slip 95 × 70 mm; a sheet is 1 mm short of the page so that rounding
    /// never spills it onto a second page.
    private static let styleSheet = """
        @page { size: A4 portrait; margin: 0; }
        * { box-sizing: border-box; }
        html, body { margin: 0; padding: 0; }
        body { background: #e6e6e6; color: #000; font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", sans-serif; }
        .instructions { width: 210mm; margin: 6mm auto; font-size: 10pt; line-height: 1.5; }
        .sheet { width: 210mm; height: 296mm; margin: 0 auto 6mm; padding: 8mm 10mm; background: #fff; overflow: hidden; display: flex; flex-wrap: wrap; align-content: flex-start; page-break-after: always; break-after: page; }
        .sheet:last-child { page-break-after: auto; break-after: auto; }
        .slip { width: 95mm; height: 70mm; padding: 5mm 6mm; border: 0.3mm dashed #888; margin: 0 -0.3mm -0.3mm 0; overflow: hidden; page-break-inside: avoid; break-inside: avoid; }
        .school { font-size: 10pt; color: #333; }
        .name { font-size: 16pt; font-weight: bold; margin-top: 1.5mm; }
        .details { font-size: 10pt; margin-top: 1mm; }
        .details span { margin-right: 4mm; }
        .id { font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; font-size: 12pt; }
        .code-label { font-size: 9pt; color: #333; margin-top: 2.5mm; }
        .code { font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; font-size: 24pt; font-weight: bold; letter-spacing: 0.08em; white-space: nowrap; }
        .sessions-label { font-size: 8pt; color: #333; margin-top: 1.5mm; }
        .sessions { list-style: none; margin: 0.5mm 0 0; padding: 0; font-size: 9pt; line-height: 1.4; }
        .keep { font-size: 8.5pt; margin-top: 1.5mm; color: #333; }
        @media print {
          body { background: none; }
          .instructions { display: none; }
          .sheet { margin: 0; }
        }
        """
}

extension String {
    /// The value as one RFC 4180 field: quoted when it holds a comma, quote or line break.
    fileprivate var csvField: String {
        guard contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return self }
        return "\"\(replacingOccurrences(of: "\"", with: "\"\""))\""
    }

    /// The value with a `'` in front when a spreadsheet would take it for a formula.
    fileprivate var neutralizingFormula: String {
        guard let first, ["=", "+", "-", "@", "\t"].contains(first) else { return self }
        return "'" + self
    }
}
