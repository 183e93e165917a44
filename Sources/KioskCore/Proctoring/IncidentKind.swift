/// The kinds of emergency (应急事件) the incident report distinguishes.
public enum IncidentKind: String, Sendable, Codable, CaseIterable {
    case power
    case network
    case device
    case illness
    case discipline
    case other

    public var chineseName: String {
        switch self {
        case .power: "停电"
        case .network: "网络故障"
        case .device: "设备故障"
        case .illness: "学生身体不适"
        case .discipline: "违纪"
        case .other: "其他"
        }
    }
}
