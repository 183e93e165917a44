import Foundation

private let hexadecimalDigits = Array("0123456789abcdef".utf8)

extension ContiguousBytes {
    /// The bytes in lowercase hexadecimal, as fingerprints and token hashes are stored.
    var hexadecimal: String {
        let digits = hexadecimalDigits
        // Written straight into the string's storage: a token is hashed on every autosave.
        return withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count * 2) { text in
                for (index, byte) in bytes.enumerated() {
                    text[2 * index] = digits[Int(byte >> 4)]
                    text[2 * index + 1] = digits[Int(byte & 0x0F)]
                }
                return bytes.count * 2
            }
        }
    }
}
