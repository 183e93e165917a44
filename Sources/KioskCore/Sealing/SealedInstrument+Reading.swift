import Foundation

extension SealedInstrument {
    /// Reads an envelope, reporting every problem in it; the ciphertext is not opened.
    init?(reading node: JSONNode) {
        guard node.object(known: CodingKeys.fieldNames) != nil else { return nil }
        let formatNode = node[CodingKeys.format.stringValue]
        let versionNode = node[CodingKeys.formatVersion.stringValue]
        guard let format = formatNode.string(), let formatVersion = versionNode.integer() else { return nil }
        guard format == Self.formatName, formatVersion == Self.currentVersion else {
            (format == Self.formatName ? versionNode : formatNode).report(.unsupportedSealFormat(format, version: formatVersion))
            return nil
        }
        let header = Header(reading: node[CodingKeys.instrument.stringValue])
        let kdf = KeyDerivation(reading: node[CodingKeys.kdf.stringValue])
        let cipher = Cipher(reading: node[CodingKeys.cipher.stringValue])
        guard let header, let kdf, let cipher else { return nil }
        self.init(instrument: header, kdf: kdf, cipher: cipher)
    }

    /// Reads an envelope from the database or a file, checked as `kiosk check` checks it; `nil`
    /// when it is not a readable envelope.
    public init?(json data: Data) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
        let log = DiagnosticLog(file: "")
        self.init(reading: JSONNode(value, log: log))
        if log.hasErrors { return nil }
    }
}

extension SealedInstrument.Header {
    init?(reading node: JSONNode) {
        guard node.object(known: CodingKeys.fieldNames) != nil else { return nil }
        let id = node[CodingKeys.id.stringValue].identifier(.code)
        let versionNode = node[CodingKeys.version.stringValue]
        var version = versionNode.string()
        if let text = version, text.contains(where: \.isNewline) {
            versionNode.report(.invalidSeal(CodingKeys.version.stringValue, expected: .singleLine))
            version = nil
        }
        let audience = Audience(reading: node[CodingKeys.audience.stringValue])
        let fingerprintNode = node[CodingKeys.fingerprint.stringValue]
        var fingerprint = fingerprintNode.string()
        if let text = fingerprint, !SealedInstrument.isFingerprint(text) {
            fingerprintNode.report(.invalidSeal(CodingKeys.fingerprint.stringValue, expected: .fingerprint))
            fingerprint = nil
        }
        guard let id, let version, let audience, let fingerprint else { return nil }
        self.init(id: id, version: version, audience: audience, fingerprint: fingerprint)
    }
}

extension SealedInstrument.KeyDerivation {
    init?(reading node: JSONNode) {
        guard node.object(known: CodingKeys.fieldNames) != nil else { return nil }
        let algorithmNode = node[CodingKeys.algorithm.stringValue]
        var algorithm = algorithmNode.string()
        if let word = algorithm, word != Self.algorithmName {
            algorithmNode.report(.invalidValue(word, field: CodingKeys.algorithm.stringValue, allowed: [Self.algorithmName]))
            algorithm = nil
        }
        let n = node[CodingKeys.n.stringValue].integer(within: Self.allowedN)
        let r = node[CodingKeys.r.stringValue].integer(within: Self.allowedR)
        let p = node[CodingKeys.p.stringValue].integer(within: Self.allowedP)
        let nNode = node[CodingKeys.n.stringValue]
        if let n, n & (n - 1) != 0 {
            nNode.report(.invalidSeal(CodingKeys.n.stringValue, expected: .powerOfTwo))
        }
        let salt = node[CodingKeys.salt.stringValue].base64(sizes: Self.saltSizes)
        guard algorithm != nil, let n, n & (n - 1) == 0, let r, let p, let salt else { return nil }
        self.init(n: n, r: r, p: p, salt: salt)
    }
}

extension SealedInstrument.Cipher {
    init?(reading node: JSONNode) {
        guard node.object(known: CodingKeys.fieldNames) != nil else { return nil }
        let algorithmNode = node[CodingKeys.algorithm.stringValue]
        var algorithm = algorithmNode.string()
        if let word = algorithm, word != Self.algorithmName {
            algorithmNode.report(.invalidValue(word, field: CodingKeys.algorithm.stringValue, allowed: [Self.algorithmName]))
            algorithm = nil
        }
        let nonce = node[CodingKeys.nonce.stringValue].base64(sizes: Self.nonceSize...Self.nonceSize)
        let ciphertext = node[CodingKeys.ciphertext.stringValue].base64(sizes: 1...Self.maxCiphertextSize)
        let tag = node[CodingKeys.tag.stringValue].base64(sizes: Self.tagSize...Self.tagSize)
        guard algorithm != nil, let nonce, let ciphertext, let tag else { return nil }
        self.init(nonce: nonce, ciphertext: ciphertext, tag: tag)
    }
}

extension JSONNode {
    /// A whole number in `range`, reported otherwise.
    fileprivate func integer(within range: ClosedRange<Int>) -> Int? {
        guard let number = integer() else { return nil }
        guard range.contains(number) else {
            report(.outOfRange(key, value: String(number), allowed: range))
            return nil
        }
        return number
    }

    /// Base64 bytes whose count lies in `sizes`, reported otherwise.
    fileprivate func base64(sizes: ClosedRange<Int>) -> Data? {
        guard let text = string() else { return nil }
        guard let data = Data(base64Encoded: text), sizes.contains(data.count) else {
            report(.invalidSeal(key, expected: .base64(sizes)))
            return nil
        }
        return data
    }
}

/// What an envelope's field should have held, for ``Problem/invalidSeal(_:expected:)``.
enum SealFieldExpectation {
    case singleLine
    case fingerprint
    case powerOfTwo
    case base64(ClosedRange<Int>)

    var text: BilingualText {
        switch self {
        case .singleLine:
            BilingualText(zhCN: "不含换行的文字", en: "text without line breaks")
        case .fingerprint:
            BilingualText(zhCN: "64 位小写十六进制 SHA-256", en: "a SHA-256 in 64 lowercase hex digits")
        case .powerOfTwo:
            BilingualText(zhCN: "2 的整数次幂", en: "a power of two")
        case .base64(let sizes) where sizes.count == 1:
            BilingualText(zhCN: "base64 编码的 \(sizes.lowerBound) 字节", en: "\(sizes.lowerBound) bytes in base64")
        case .base64(let sizes):
            BilingualText(
                zhCN: "base64 编码的 \(sizes.lowerBound) 到 \(sizes.upperBound) 字节",
                en: "\(sizes.lowerBound) to \(sizes.upperBound) bytes in base64")
        }
    }
}

extension Problem {
    static func unsupportedSealFormat(_ format: String, version: Int) -> Problem {
        Problem(
            .unsupportedSealFormat, zh: "加密问卷的格式“\(format)”第 \(version) 版无法识别",
            en: "sealed instrument format '\(format)' version \(version) is not one this kiosk reads",
            hintZh: "本机读取 \(SealedInstrument.formatName) 第 \(SealedInstrument.currentVersion) 版；请用 kiosk seal 重新加密，或升级本机软件",
            hintEn: "this kiosk reads \(SealedInstrument.formatName) version \(SealedInstrument.currentVersion); seal it again with kiosk seal, or update the kiosk")
    }

    static func invalidSeal(_ field: String, expected: SealFieldExpectation) -> Problem {
        Problem(
            .invalidSeal, zh: "加密问卷的 \(field) 应为\(expected.text.zhCN)", en: "the sealed instrument's \(field) should be \(expected.text.en)",
            hintZh: "加密文件已损坏或被改动；请向监测中心重新索取", hintEn: "the sealed file is damaged or was altered; ask the monitoring centre for it again")
    }
}
