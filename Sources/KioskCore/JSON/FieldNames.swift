extension CodingKey where Self: CaseIterable {
    /// The JSON field names of a model, from its coding keys, so that the reader's list of known
    /// fields cannot drift from what the model encodes.
    static var fieldNames: Set<String> {
        Set(allCases.map(\.stringValue))
    }
}
