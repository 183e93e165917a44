extension Decoder {
    /// Decodes a model with the same reader `kiosk check` uses, so that `Decodable` accepts exactly
    /// what the checker accepts; throws the first error the checker would report (warnings, such as
    /// unknown fields, do not stop decoding).
    func decodeStrictly<Model>(_ read: (JSONNode) -> Model?) throws -> Model {
        let log = DiagnosticLog(file: "")
        let model = read(JSONNode(try JSONValue(from: self), log: log))
        guard let model, !log.hasErrors else {
            let firstError = log.diagnostics.first { $0.severity == .error }
            let description = firstError.map { diagnostic in
                "\(diagnostic.jsonPath ?? .root): \(diagnostic.code.rawValue): \(diagnostic.message.en)"
            }
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: codingPath, debugDescription: description ?? "not a valid \(Model.self)"))
        }
        return model
    }
}
