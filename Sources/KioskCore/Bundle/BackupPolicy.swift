/// `kiosk.json`'s optional `backup`: where the kiosk copies its database while it serves (a USB
/// stick), how often, and how many copies it keeps there.
public struct BackupPolicy: Sendable, Hashable, Codable {
    /// An absolute folder path.
    public var path: String
    public var everyMinutes: Int
    public var keep: Int

    public static let everyMinutesRange = 1...1440
    public static let keepRange = 1...1000

    public init(path: String, everyMinutes: Int = 10, keep: Int = 24) {
        self.path = path
        self.everyMinutes = everyMinutes
        self.keep = keep
    }
}

extension BackupPolicy {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case path, everyMinutes, keep
    }

    init?(reading node: JSONNode) {
        guard node.object(known: CodingKeys.fieldNames) != nil else { return nil }
        guard let path = node[CodingKeys.path.stringValue].string() else { return nil }
        guard path.hasPrefix("/") else {
            node[CodingKeys.path.stringValue].report(.invalidValue(path, field: "backup.path", allowed: ["/an/absolute/path"]))
            return nil
        }
        let every = node[CodingKeys.everyMinutes.stringValue].ifPresent { $0.integer() } ?? 10
        let keep = node[CodingKeys.keep.stringValue].ifPresent { $0.integer() } ?? 24
        guard Self.everyMinutesRange.contains(every) else {
            node[CodingKeys.everyMinutes.stringValue].report(.outOfRange("backup.everyMinutes", value: "\(every)", allowed: Self.everyMinutesRange))
            return nil
        }
        guard Self.keepRange.contains(keep) else {
            node[CodingKeys.keep.stringValue].report(.outOfRange("backup.keep", value: "\(keep)", allowed: Self.keepRange))
            return nil
        }
        self.init(path: path, everyMinutes: every, keep: keep)
    }
}
