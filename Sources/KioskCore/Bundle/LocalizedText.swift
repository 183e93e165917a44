/// A text shown to people, written in Simplified Chinese and optionally in English:
/// `{"zh-CN": "你的性别", "en": "Your gender"}`.
public struct LocalizedText: Sendable, Hashable {
    /// The Simplified Chinese text, always present.
    public var zhCN: String
    /// The English text, if the author wrote one.
    public var en: String?

    public init(zhCN: String, en: String? = nil) {
        self.zhCN = zhCN
        self.en = en
    }

    /// The text in `language`, or the Chinese text when there is none in that language.
    public func text(in language: Language) -> String {
        switch language {
        case .zhCN: zhCN
        case .en: en ?? zhCN
        }
    }
}

extension LocalizedText: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case zhCN = "zh-CN"
        case en
    }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeStrictly(LocalizedText.init(reading:))
    }
}

extension LocalizedText {
    /// Reads a localized text; a missing one is reported with an example of the form.
    init?(reading node: JSONNode) {
        guard node.value != nil else {
            node.report(.missingText(node.key))
            return nil
        }
        guard node.object(known: CodingKeys.fieldNames) != nil else { return nil }
        let zhCN = node[CodingKeys.zhCN.stringValue].string()
        let en = node[CodingKeys.en.stringValue].ifPresent { $0.string() }
        guard let zhCN else { return nil }
        self.init(zhCN: zhCN, en: en)
    }
}

extension Problem {
    fileprivate static func missingText(_ field: String) -> Problem {
        let example = "\"\(field)\": {\"zh-CN\": \"…\", \"en\": \"…\"}"
        return Problem(
            .missingField, zh: "缺少字段 \(field)", en: "missing field \(field)",
            hintZh: "添加 \(example)（en 可省略）", hintEn: "add \(example) (en is optional)")
    }
}
