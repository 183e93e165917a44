import Foundation

/// The deployment bundle the bench serves: one grade-4 questionnaire of 300 variables of every
/// answerable kind (a few behind skip rules), open from a minute ago for three hours, and a
/// roster of `participants` students.
struct BenchBundle {
    static let instrumentID = "BENCH-STU"
    static let sessionID = "BENCH-NOW"
    static let pagesPerSection = 3
    static let itemsPerPage = 10
    static let sections = 10
    static let durationMinutes = 120

    var participants: Int
    var now = Date()

    /// Writes the bundle's four parts into `directory` and returns what saves may answer.
    func write(to directory: String) throws -> AnswerPlan {
        let folder = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("instruments"), withIntermediateDirectories: true)
        let window = try SessionWindow(around: now)
        let (instrument, plan) = instrumentAndPlan()
        try json(["site": ["code": "BENCH-01", "name": text("基准测试学校", "Benchmark school")],
                  "timeZone": window.timeZone, "languages": ["zh-CN", "en"]])
            .write(to: folder.appendingPathComponent("kiosk.json"))
        try json(instrument).write(to: folder.appendingPathComponent("instruments/bench.json"))
        try json(["sessions": [[
            "id": Self.sessionID, "title": text("基准测试问卷", "Benchmark questionnaire"),
            "date": window.date, "start": window.start, "end": window.end, "instrument": Self.instrumentID,
            "audience": ["role": "student", "grades": [4]], "durationMinutes": Self.durationMinutes,
            "proctorStart": false, "practice": false,
        ]]]).write(to: folder.appendingPathComponent("timetable.json"))
        try Data(roster().utf8).write(to: folder.appendingPathComponent("roster.csv"))
        return plan
    }

    /// Roster IDs, in the order the participants are played.
    static func participantID(_ number: Int) -> String {
        String(format: "S%04d", number)
    }

    private func roster() -> String {
        var lines = ["id,role,grade,class,name,gender,school"]
        for number in 1...participants {
            lines.append("\(Self.participantID(number)),student,4,4(\(number % 8 + 1)),学生\(number),\(number % 2 == 0 ? "女" : "男"),BENCH-01")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func instrumentAndPlan() -> (instrument: [String: Any], plan: AnswerPlan) {
        var variables: [AnswerPlan.Variable] = []
        var sections: [[String: Any]] = []
        for section in 0..<Self.sections {
            var pages: [[String: Any]] = []
            for pageInSection in 0..<Self.pagesPerSection {
                let page = section * Self.pagesPerSection + pageInSection
                var items: [[String: Any]] = []
                for itemOnPage in 0..<Self.itemsPerPage {
                    let number = page * Self.itemsPerPage + itemOnPage + 1
                    let (item, values) = Self.item(number)
                    items.append(item)
                    variables.append(.init(name: item["name"] as! String, page: page, values: values))
                }
                pages.append(["id": "P\(page + 1)", "items": items])
            }
            let letter = String(UnicodeScalar(UInt8(65 + section)))
            sections.append(["id": letter, "title": text("第\(section + 1)部分", "Part \(section + 1)"), "pages": pages])
        }
        let instrument: [String: Any] = [
            "id": Self.instrumentID, "version": "1", "title": text("基准测试问卷", "Benchmark questionnaire"),
            "audience": ["role": "student", "grades": [4]], "sections": sections,
        ]
        return (instrument, AnswerPlan(variables: variables))
    }

    /// Item `number`: its kind cycles through the answerable types; valid values go with it.
    private static func item(_ number: Int) -> (item: [String: Any], values: [String]) {
        let name = String(format: "Q%03d", number)
        var item: [String: Any] = ["name": name, "label": text("第\(number)题", "Question \(number)")]
        let values: [String]
        switch number % 6 {
        case 0:
            item["type"] = "single_choice"
            item["options"] = options(5)
            values = ["1", "3", "5", "2"]
        case 1:
            item["type"] = "dropdown"
            item["options"] = options(9)
            values = ["9", "4", "1"]
        case 2:
            item["type"] = "multiple_choice"
            item["options"] = options(6)
            item["maxSelections"] = 3
            values = ["[1]", "[2,4]", "[1,3,6]"]
        case 3:
            item["type"] = "integer"
            item["min"] = 0
            item["max"] = 120
            values = ["0", "17", "120"]
        case 4:
            item["type"] = "decimal"
            item["min"] = 0
            item["max"] = 24
            values = ["7.5", "0", "23.9"]
        default:
            item["type"] = "short_text"
            values = [#""每天运动一小时""#, #""ok""#]
        }
        // Every tenth item has a skip rule that always holds, so that rules are evaluated.
        if number % 10 == 5 {
            item["relevant"] = String(format: "${Q%03d} != 99 or ${Q%03d} = 1", number - 1, number - 2)
        }
        return (item, values)
    }

    private static func options(_ count: Int) -> [[String: Any]] {
        (1...count).map { ["code": $0, "label": text("选项\($0)", "Option \($0)")] }
    }

    private func json(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .prettyPrinted])
    }
}

private func text(_ chinese: String, _ english: String) -> [String: String] {
    ["zh-CN": chinese, "en": english]
}

/// Today's session window: from a minute ago for three hours, local time in a time zone where
/// that fits within the day (the bench may run at any hour).
struct SessionWindow {
    var timeZone: String
    var date: String
    var start: String
    var end: String

    static let candidateZones = ["Asia/Shanghai", "Europe/London", "America/New_York"]
    static let lengthMinutes = 180

    init(around now: Date) throws {
        for identifier in Self.candidateZones {
            guard let zone = TimeZone(identifier: identifier) else { continue }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: now)
            let startMinute = parts.hour! * 60 + parts.minute! - 1
            let endMinute = startMinute + Self.lengthMinutes
            guard startMinute >= 0, endMinute < 24 * 60 else { continue }
            timeZone = identifier
            date = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            start = String(format: "%02d:%02d", startMinute / 60, startMinute % 60)
            end = String(format: "%02d:%02d", endMinute / 60, endMinute % 60)
            return
        }
        throw BenchError.noSessionWindow
    }
}
