import Crypto
import CryptoExtras
import Foundation
import KioskCore

/// Sealing an instrument for shipping, and opening it again with the day's key: AES-256-GCM
/// under a key scrypt derives from ``DayKey/normalized``, with the envelope's header as
/// authenticated data (see ``SealedInstrument``).
///
/// Both directions run scrypt, which takes about 0.1 s and 32 MiB: the server calls them on the
/// ``HashingQueue``, never on the event loop.
public enum InstrumentSeal {
    /// Why a sealed instrument did not open.
    public enum Failure: Error, Sendable, Equatable {
        /// The key is not the one it was sealed with, or the envelope was altered.
        case wrongKey
        /// It opened, but the content is not the instrument its header describes.
        case contentMismatch
    }

    /// Encrypts the instrument's canonical JSON under `key` with a fresh salt and nonce.
    public static func seal(
        _ instrument: Instrument, key: DayKey,
        cost: (n: Int, r: Int, p: Int) = SealedInstrument.KeyDerivation.standard
    ) throws -> SealedInstrument {
        let plaintext = instrument.canonicalJSON()
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = generator.next() }
        let kdf = SealedInstrument.KeyDerivation(n: cost.n, r: cost.r, p: cost.p, salt: Data(salt))
        let header = SealedInstrument.Header(
            id: instrument.id, version: instrument.version, audience: instrument.audience,
            fingerprint: SHA256.hash(data: plaintext).hexadecimal)
        // The header and the key derivation go into the authenticated data before the cipher exists.
        var envelope = SealedInstrument(instrument: header, kdf: kdf, cipher: .init(nonce: Data(), ciphertext: Data(), tag: Data()))
        let box = try AES.GCM.seal(plaintext, using: try derive(key, kdf), nonce: AES.GCM.Nonce(), authenticating: envelope.associatedData)
        envelope.cipher = .init(nonce: Data(box.nonce), ciphertext: box.ciphertext, tag: box.tag)
        return envelope
    }

    /// The plaintext of `sealed`: the canonical JSON whose SHA-256 is its fingerprint.
    public static func plaintext(of sealed: SealedInstrument, key: DayKey) throws(Failure) -> Data {
        let plaintext: Data
        do {
            let box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: sealed.cipher.nonce), ciphertext: sealed.cipher.ciphertext, tag: sealed.cipher.tag)
            plaintext = try AES.GCM.open(box, using: try derive(key, sealed.kdf), authenticating: sealed.associatedData)
        } catch {
            throw .wrongKey
        }
        guard SHA256.hash(data: plaintext).hexadecimal == sealed.instrument.fingerprint else { throw .contentMismatch }
        return plaintext
    }

    /// The instrument inside `sealed`, checked against its header: same id, version, audience and
    /// fingerprint.
    public static func open(_ sealed: SealedInstrument, key: DayKey) throws(Failure) -> Instrument {
        let plaintext = try Self.plaintext(of: sealed, key: key)
        guard let instrument = try? JSONDecoder().decode(Instrument.self, from: plaintext),
              instrument.id == sealed.instrument.id, instrument.version == sealed.instrument.version,
              instrument.audience == sealed.instrument.audience, instrument.fingerprint == sealed.instrument.fingerprint
        else { throw .contentMismatch }
        return instrument
    }

    private static func derive(_ key: DayKey, _ kdf: SealedInstrument.KeyDerivation) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(
            from: Array(key.normalized.utf8), salt: kdf.salt, outputByteCount: 32,
            rounds: kdf.n, blockSize: kdf.r, parallelism: kdf.p)
    }
}

/// Opens sealed instruments with one key, for `kiosk check --key`.
public struct SealedInstrumentOpener: SealedInstrumentOpening {
    public let key: DayKey

    public init(key: DayKey) {
        self.key = key
    }

    public func open(_ sealed: SealedInstrument) -> SealOpening {
        do throws(InstrumentSeal.Failure) {
            return .opened(try InstrumentSeal.plaintext(of: sealed, key: key))
        } catch .wrongKey {
            return .wrongKey
        } catch {
            return .contentMismatch
        }
    }
}
