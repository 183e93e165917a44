import Crypto
import CryptoExtras
import Foundation
import KioskCore

/// Hashes secrets (participants' access codes, staff passwords) with scrypt, so that a copied
/// database does not give them away.
///
/// A stored hash reads `scrypt$N$r$p$SALT$KEY` (salt and key in base64), so the cost can be raised
/// later without invalidating codes already printed.
public struct SecretHasher: Sendable {
    /// scrypt's CPU/memory cost: 2^14 takes about 30 ms and 16 MiB here, bearable for a lab of 60
    /// logging in at once and ruinous for anyone trying 2^44 codes.
    public var rounds = 1 << 14
    public var blockSize = 8
    public var parallelism = 1

    public init() {}

    /// A new salted hash of the access code, in its normalised spelling.
    public func hash(_ code: AccessCode) throws -> String {
        try hash(secret: code.normalized)
    }

    /// Whether `code` is the access code `stored` was made from.
    public func verify(_ code: AccessCode, against stored: String) -> Bool {
        verify(secret: code.normalized, against: stored)
    }

    /// A new salted hash of the secret's UTF-8 bytes.
    public func hash(secret: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = generator.next() }
        let key = try derive(secret, salt: salt, rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        return ["scrypt", "\(rounds)", "\(blockSize)", "\(parallelism)",
                Data(salt).base64EncodedString(), key.base64EncodedString()].joined(separator: "$")
    }

    /// Whether `secret` is the one `stored` was made from. A malformed hash matches nothing.
    public func verify(secret: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt",
              let rounds = Int(parts[1]), let blockSize = Int(parts[2]), let parallelism = Int(parts[3]),
              let salt = Data(base64Encoded: parts[4]), let expected = Data(base64Encoded: parts[5]),
              let key = try? derive(secret, salt: Array(salt), rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        else { return false }
        // Constant-time comparison: how much of a guess matched must not show in the timing.
        return key.count == expected.count && zip(key, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func derive(_ secret: String, salt: [UInt8], rounds: Int, blockSize: Int, parallelism: Int) throws -> Data {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(secret.utf8), salt: salt, outputByteCount: 32,
            rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        return key.withUnsafeBytes { Data($0) }
    }
}
