import Foundation

extension Instrument {
    /// The instrument's canonical JSON, the input of its content hash: UTF-8, keys sorted, no
    /// whitespace, slashes unescaped, every default written out (see ``Item/encode(to:)``). Two
    /// files that mean the same instrument give the same bytes, whatever their layout, key order
    /// or spelled-out defaults; unknown fields, which the kiosk ignores, are left out.
    ///
    /// Traps if a decimal bound is not finite, which no instrument read from JSON can have.
    public func canonicalJSON() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            preconditionFailure("instrument \(id) has a value JSON cannot hold: \(error)")
        }
    }
}
