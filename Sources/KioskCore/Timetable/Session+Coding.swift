extension Session: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, date, start, end
        case instrumentID = "instrument"
        case audience, durationMinutes, proctorStart, practice
    }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeStrictly(Session.init(reading:))
    }

    /// Writes the session as the bundle format has it: `end` and `instrument` always, as `null`
    /// when absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(date, forKey: .date)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(instrumentID, forKey: .instrumentID)
        try container.encode(audience, forKey: .audience)
        try container.encodeIfPresent(durationMinutes, forKey: .durationMinutes)
        try container.encode(proctorStart, forKey: .proctorStart)
        try container.encode(practice, forKey: .practice)
    }
}

extension Session {
    /// Reads a session, reporting its own problems; those between sessions belong to
    /// ``Timetable/init(reading:)``. A session whose window makes no sense is not returned.
    init?(reading node: JSONNode) {
        guard node.object(known: CodingKeys.fieldNames) != nil else { return nil }
        let id = node[CodingKeys.id.stringValue].identifier(.code)
        let title = LocalizedText(reading: node[CodingKeys.title.stringValue])
        let date = node[CodingKeys.date.stringValue].localDate()
        let start = node[CodingKeys.start.stringValue].localTime()
        let endNode = node[CodingKeys.end.stringValue]
        let end = endNode.nullable(missing: .missingEnd) { $0.localTime() }
        let instrumentID = node[CodingKeys.instrumentID.stringValue].nullable(missing: .missingInstrument) {
            $0.identifier(.code)
        }
        let audience = Audience(reading: node[CodingKeys.audience.stringValue])
        let durationNode = node[CodingKeys.durationMinutes.stringValue]
        let durationMinutes = durationNode.ifPresent { $0.durationMinutes() }
        let proctorStart = node[CodingKeys.proctorStart.stringValue].ifPresent { $0.bool() } ?? false
        let practice = node[CodingKeys.practice.stringValue].ifPresent { $0.bool() } ?? false
        guard let id, let title, let date, let start, let end, let instrumentID, let audience else { return nil }

        if let end, end <= start {
            endNode.report(.endBeforeStart(start: start, end: end))
            return nil
        }
        if let durationMinutes, let end, durationMinutes > end.minutesSinceMidnight - start.minutesSinceMidnight {
            durationNode.report(.durationExceedsWindow(durationMinutes, start: start, end: end))
        }
        if end == nil && audience.role == .student {
            endNode.report(.openEndedStudentSession)
        }
        self.init(
            id: id, title: title, date: date, start: start, end: end, instrumentID: instrumentID, audience: audience,
            durationMinutes: durationMinutes, proctorStart: proctorStart, practice: practice)
    }
}

extension JSONNode {
    /// A field that must be present but may be `null`: `.some(nil)` for `null`, `.some(value)`
    /// for a valid value, `nil` when it is missing (reported with `missing`) or invalid.
    fileprivate func nullable<Value>(missing: Problem, _ read: (JSONNode) -> Value?) -> Value?? {
        switch value {
        case nil:
            report(missing)
            return nil
        case .null?:
            return .some(nil)
        default:
            return read(self).map { .some($0) }
        }
    }

    fileprivate func localDate() -> LocalDate? {
        guard let text = string() else { return nil }
        guard let date = LocalDate(text) else {
            report(.invalidDate(text))
            return nil
        }
        return date
    }

    fileprivate func localTime() -> LocalTime? {
        guard let text = string() else { return nil }
        guard let time = LocalTime(text) else {
            report(.invalidTime(text, field: key))
            return nil
        }
        return time
    }

    fileprivate func durationMinutes() -> Int? {
        guard let minutes = integer() else { return nil }
        guard Session.durationRange.contains(minutes) else {
            report(.outOfRange(key, value: String(minutes), allowed: Session.durationRange))
            return nil
        }
        return minutes
    }
}

extension Problem {
    fileprivate static let missingEnd = Problem(
        .missingField, zh: "缺少字段 end", en: "missing field end",
        hintZh: "写结束时间，如 \"end\": \"14:30\"；没有固定结束时间的（教师、校长问卷）写 \"end\": null",
        hintEn: "give the end time, such as \"end\": \"14:30\"; for a session without a fixed end (teachers, principals) write \"end\": null")

    fileprivate static let missingInstrument = Problem(
        .missingField, zh: "缺少字段 instrument", en: "missing field instrument",
        hintZh: "写问卷的 id；不由本机施测的科目测试写 \"instrument\": null",
        hintEn: "give the instrument's id; for a subject test the kiosk does not deliver write \"instrument\": null")

    fileprivate static func invalidDate(_ text: String) -> Problem {
        Problem(
            .invalidDate, zh: "日期“\(text)”无效", en: "'\(text)' is not a date",
            hintZh: "写成 YYYY-MM-DD，如 2026-05-20", hintEn: "write it YYYY-MM-DD, such as 2026-05-20")
    }

    fileprivate static func invalidTime(_ text: String, field: String) -> Problem {
        Problem(
            .invalidTime, zh: "\(field) 时间“\(text)”无效", en: "\(field) time '\(text)' is not a time",
            hintZh: "写成 24 小时制的 HH:MM，如 09:00、14:30", hintEn: "write it HH:MM on the 24-hour clock, such as 09:00 or 14:30")
    }

    fileprivate static func endBeforeStart(start: LocalTime, end: LocalTime) -> Problem {
        Problem(
            .endBeforeStart, zh: "结束时间 \(end) 不晚于开始时间 \(start)", en: "the end \(end) is not after the start \(start)",
            hintZh: "改正时间；场次须在同一天内结束", hintEn: "correct the times; a session ends on the day it starts")
    }

    fileprivate static func durationExceedsWindow(_ minutes: Int, start: LocalTime, end: LocalTime) -> Problem {
        let window = end.minutesSinceMidnight - start.minutesSinceMidnight
        return Problem(
            .durationExceedsWindow, zh: "作答时长 \(minutes) 分钟超过场次时段 \(start)–\(end)（\(window) 分钟）",
            en: "the answering time of \(minutes) minutes is longer than the window \(start)-\(end) (\(window) minutes)",
            hintZh: "时段结束时作答即结束；缩短 durationMinutes 或延长时段",
            hintEn: "answering stops when the window ends: shorten durationMinutes or lengthen the window")
    }

    fileprivate static let openEndedStudentSession = Problem(
        .openEndedStudentSession, zh: "学生场次没有结束时间", en: "a student session has no end",
        hintZh: "学生场次按现场测试安排计时，请写结束时间", hintEn: "students' sessions are timed by the timetable: give the end time")
}
