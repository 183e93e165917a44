import Crypto
import Foundation
import KioskCore

extension Instrument {
    /// The SHA-256 of the instrument's canonical JSON, in lowercase hex: what ties every attempt to
    /// the exact content it was given.
    public var fingerprint: String {
        SHA256.hash(data: canonicalJSON()).hexadecimal
    }
}

extension DeploymentBundle {
    /// Instrument ID → ``Instrument/fingerprint``.
    public var fingerprints: [String: String] {
        Dictionary(uniqueKeysWithValues: instruments.map { ($0.id, $0.fingerprint) })
    }
}
