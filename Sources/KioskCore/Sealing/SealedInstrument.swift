import Foundation

/// An instrument as the monitoring centre ships it when it must stay confidential until the
/// session starts (`instruments/NAME.sealed.json`): the canonical JSON of the instrument encrypted
/// with AES-256-GCM under a key derived with scrypt from the day's key (``DayKey``).
///
/// What the kiosk needs before the key is known stays readable: the instrument's id, version,
/// audience and fingerprint, so that `kiosk check` can match it to its sessions and `kiosk init`
/// can load it. These, the format and the key derivation's parameters are the authenticated data
/// (``associatedData``): changing any of them makes the envelope fail to open.
/// The format is described in `docs/bundle-format.md`.
public struct SealedInstrument: Sendable, Hashable, Codable {
    /// The value of `format`.
    public static let formatName = "kiosk-sealed-instrument"
    /// The envelope version this kiosk reads and writes.
    public static let currentVersion = 1
    /// The ending of a sealed instrument's file name.
    public static let fileSuffix = ".sealed.json"

    public var format: String
    public var formatVersion: Int
    public var instrument: Header
    public var kdf: KeyDerivation
    public var cipher: Cipher

    /// What anyone may read of the sealed instrument.
    public struct Header: Sendable, Hashable, Codable {
        public var id: String
        public var version: String
        public var audience: Audience
        /// The SHA-256 of the plaintext (the instrument's canonical JSON), lowercase hex.
        public var fingerprint: String

        public init(id: String, version: String, audience: Audience, fingerprint: String) {
            self.id = id
            self.version = version
            self.audience = audience
            self.fingerprint = fingerprint
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, version, audience, fingerprint
        }
    }

    /// How the AES key is derived from the day's key: scrypt with these parameters and salt,
    /// 32 bytes out.
    public struct KeyDerivation: Sendable, Hashable, Codable {
        public static let algorithmName = "scrypt"
        /// What `kiosk seal` uses: 2^15 takes about 0.1 s and 32 MiB, once per session start.
        public static let standard = (n: 1 << 15, r: 8, p: 1)
        /// The costs an envelope may ask for: enough to resist guessing, not enough to exhaust
        /// the server's memory (scrypt needs 128 × n × r bytes).
        public static let allowedN = 1 << 10...1 << 20
        public static let allowedR = 1...16
        public static let allowedP = 1...4
        public static let saltSizes = 16...64

        public var algorithm: String
        public var n: Int
        public var r: Int
        public var p: Int
        public var salt: Data

        public init(n: Int, r: Int, p: Int, salt: Data) {
            algorithm = Self.algorithmName
            self.n = n
            self.r = r
            self.p = p
            self.salt = salt
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case algorithm, n, r, p, salt
        }
    }

    /// The ciphertext and what opens it besides the key.
    public struct Cipher: Sendable, Hashable, Codable {
        public static let algorithmName = "AES-256-GCM"
        public static let nonceSize = 12
        public static let tagSize = 16
        /// The largest ciphertext read: far above any questionnaire.
        public static let maxCiphertextSize = 16 << 20

        public var algorithm: String
        public var nonce: Data
        public var ciphertext: Data
        public var tag: Data

        public init(nonce: Data, ciphertext: Data, tag: Data) {
            algorithm = Self.algorithmName
            self.nonce = nonce
            self.ciphertext = ciphertext
            self.tag = tag
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case algorithm, nonce, ciphertext, tag
        }
    }

    public init(instrument: Header, kdf: KeyDerivation, cipher: Cipher) {
        format = Self.formatName
        formatVersion = Self.currentVersion
        self.instrument = instrument
        self.kdf = kdf
        self.cipher = cipher
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, formatVersion, instrument, kdf, cipher
    }

    /// The bytes AES-GCM authenticates besides the ciphertext: one line per fact, joined by `\n`,
    /// in UTF-8, with no line break at the end:
    ///
    ///     kiosk-sealed-instrument/1
    ///     id=G4-STU-1
    ///     version=2026.1
    ///     audience=student:4,8
    ///     fingerprint=3f…
    ///     kdf=scrypt;n=32768;r=8;p=1;salt=BASE64
    public var associatedData: Data {
        let grades = instrument.audience.grades.map { ":" + $0.map(String.init).joined(separator: ",") } ?? ""
        let lines = [
            "\(format)/\(formatVersion)",
            "id=\(instrument.id)",
            "version=\(instrument.version)",
            "audience=\(instrument.audience.role.rawValue)\(grades)",
            "fingerprint=\(instrument.fingerprint)",
            "kdf=\(kdf.algorithm);n=\(kdf.n);r=\(kdf.r);p=\(kdf.p);salt=\(kdf.salt.base64EncodedString())",
        ]
        return Data(lines.joined(separator: "\n").utf8)
    }

    /// The envelope as written to a bundle: sorted keys, two-space indentation.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and data cannot fail.
        return try! encoder.encode(self)
    }

    /// The envelope as the database stores it: sorted keys, no whitespace.
    public func compactJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// Whether a fingerprint is spelled as one: 64 lowercase hex digits.
    public static func isFingerprint(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// What opening a sealed instrument with a key gave.
public enum SealOpening: Sendable {
    /// The plaintext: the instrument's canonical JSON, whose SHA-256 is the envelope's fingerprint.
    case opened(Data)
    /// The key does not open the envelope (or the envelope was altered).
    case wrongKey
    /// The envelope opens, but what is inside is not what its header says.
    case contentMismatch
}

/// Opens sealed instruments for ``BundleChecker``, which has no cryptography of its own.
public protocol SealedInstrumentOpening: Sendable {
    func open(_ sealed: SealedInstrument) -> SealOpening
}
