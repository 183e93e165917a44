import Foundation

/// `kiosk.json`: the school the kiosk serves, its time zone and the languages of its pages.
public struct SiteConfiguration: Sendable, Hashable {
    /// The school.
    public struct Site: Sendable, Hashable, Codable {
        /// The school's code in the monitoring, such as `650102-017`.
        public var code: String
        public var name: LocalizedText

        public init(code: String, name: LocalizedText) {
            self.code = code
            self.name = name
        }
    }

    public var site: Site
    /// The zone the timetable's local dates and times are in: never assumed, since Xinjiang and
    /// Tibet keep local time.
    public var timeZone: TimeZone
    /// The languages of the kiosk's pages, Simplified Chinese first.
    public var languages: [Language]
    /// Where and how often the kiosk backs its database up while serving; nil for no automatic backup.
    public var backup: BackupPolicy?

    public init(site: Site, timeZone: TimeZone, languages: [Language] = [.zhCN], backup: BackupPolicy? = nil) {
        self.site = site
        self.timeZone = timeZone
        self.languages = languages
        self.backup = backup
    }
}

extension SiteConfiguration: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case site, timeZone, languages, backup
    }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeStrictly(SiteConfiguration.init(reading:))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(site, forKey: .site)
        try container.encode(timeZone.identifier, forKey: .timeZone)
        try container.encode(languages, forKey: .languages)
        try container.encodeIfPresent(backup, forKey: .backup)
    }
}

extension SiteConfiguration {
    init?(reading node: JSONNode) {
        guard node.object(known: CodingKeys.fieldNames) != nil else { return nil }
        let site = Site(reading: node[CodingKeys.site.stringValue])
        let timeZone = node[CodingKeys.timeZone.stringValue].timeZone()
        let languages = node[CodingKeys.languages.stringValue].ifPresent { $0.languages() } ?? [.zhCN]
        let backupNode = node[CodingKeys.backup.stringValue]
        let backup = backupNode.ifPresent(BackupPolicy.init(reading:))
        guard let site, let timeZone else { return nil }
        if !backupNode.isAbsent, backup == nil { return nil }
        self.init(site: site, timeZone: timeZone, languages: languages, backup: backup)
    }
}

extension SiteConfiguration.Site {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, name
    }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeStrictly(Self.init(reading:))
    }

    init?(reading node: JSONNode) {
        guard node.object(known: CodingKeys.fieldNames) != nil else { return nil }
        let code = node[CodingKeys.code.stringValue].identifier(.code)
        let name = LocalizedText(reading: node[CodingKeys.name.stringValue])
        guard let code, let name else { return nil }
        self.init(code: code, name: name)
    }
}

extension JSONNode {
    fileprivate func timeZone() -> TimeZone? {
        guard let identifier = string() else { return nil }
        guard let timeZone = TimeZone(identifier: identifier) else {
            report(.invalidTimeZone(identifier))
            return nil
        }
        return timeZone
    }

    fileprivate func languages() -> [Language]? {
        guard let elements = array() else { return nil }
        let words = elements.compactMap { $0.string() }
        let languages = words.compactMap(Language.init(rawValue:))
        guard languages.count == words.count, languages.first == .zhCN, Set(languages).count == languages.count else {
            report(.invalidLanguages(words))
            return nil
        }
        return languages
    }
}

extension Problem {
    fileprivate static func invalidTimeZone(_ identifier: String) -> Problem {
        Problem(
            .invalidTimeZone, zh: "时区“\(identifier)”无效", en: "'\(identifier)' is not a time zone",
            hintZh: "使用 IANA 时区名，如 Asia/Shanghai（北京时间）或 Asia/Urumqi（新疆地方时间）",
            hintEn: "use an IANA time zone name such as Asia/Shanghai (Beijing time) or Asia/Urumqi (Xinjiang local time)")
    }

    fileprivate static func invalidLanguages(_ words: [String]) -> Problem {
        let list = words.joined(separator: ", ")
        let supported = Language.allCases.map(\.rawValue).joined(separator: ", ")
        return Problem(
            .invalidLanguages, zh: "界面语言列表 [\(list)] 无效", en: "the language list [\(list)] is not valid",
            hintZh: "只能用 \(supported)，不能重复，且 zh-CN 在最前", hintEn: "use only \(supported), each once, zh-CN first")
    }
}
