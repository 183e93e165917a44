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
    /// Instrument ID → ``Instrument/fingerprint``; for a sealed instrument, the fingerprint its
    /// envelope declares (checked when it is unsealed).
    public var fingerprints: [String: String] {
        Dictionary(
            uniqueKeysWithValues: instruments.map { ($0.id, $0.fingerprint) }
                + sealedInstruments.map { ($0.instrument.id, $0.instrument.fingerprint) })
    }
}
