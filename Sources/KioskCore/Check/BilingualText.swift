/// A message for people, in Simplified Chinese first and English second; both are always written.
public struct BilingualText: Sendable, Hashable, CustomStringConvertible {
    public var zhCN: String
    public var en: String

    public init(zhCN: String, en: String) {
        self.zhCN = zhCN
        self.en = en
    }

    /// `中文 / English`, the way the terminal and the logs show it.
    public var description: String {
        "\(zhCN) / \(en)"
    }
}
