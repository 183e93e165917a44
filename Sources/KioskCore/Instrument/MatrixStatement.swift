/// One row of a matrix: a statement answered on the matrix's shared scale, and its own variable.
public struct MatrixStatement: Sendable, Hashable {
    /// The variable name, unique within the instrument like an item's.
    public var name: String
    public var label: LocalizedText

    public init(name: String, label: LocalizedText) {
        self.name = name
        self.label = label
    }
}

extension MatrixStatement: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, label
    }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeStrictly(MatrixStatement.init(reading:))
    }
}

extension MatrixStatement {
    init?(reading node: JSONNode) {
        guard node.object(known: CodingKeys.fieldNames) != nil else { return nil }
        let name = node[CodingKeys.name.stringValue].identifier(.variableName)
        let label = LocalizedText(reading: node[CodingKeys.label.stringValue])
        guard let name, let label else { return nil }
        self.init(name: name, label: label)
    }
}
