extension Sequence<UInt8> {
    /// The bytes in lowercase hexadecimal, as fingerprints and token hashes are stored.
    var hexadecimal: String {
        map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
