/// A problem before it is placed in a file: its code and its words.
///
/// The words of a problem only one reader finds sit next to that reader, in a `fileprivate`
/// extension; those several readers share are in the `Problem+*.swift` files.
struct Problem: Sendable {
    let code: DiagnosticCode
    let message: BilingualText
    let hint: BilingualText

    init(_ code: DiagnosticCode, zh message: String, en englishMessage: String, hintZh hint: String, hintEn englishHint: String) {
        self.code = code
        self.message = BilingualText(zhCN: message, en: englishMessage)
        self.hint = BilingualText(zhCN: hint, en: englishHint)
    }
}
