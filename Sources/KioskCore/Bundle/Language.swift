/// A language the kiosk's pages and the bundle's texts can be in.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    /// Simplified Chinese, which every text has.
    case zhCN = "zh-CN"
    /// English, which a text may add.
    case en
}
