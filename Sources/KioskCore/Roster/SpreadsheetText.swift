import Foundation

extension String.Encoding {
    /// GB18030, the encoding Chinese spreadsheets save CSV in (CoreFoundation's GB_18030_2000,
    /// which Foundation on Linux decodes).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)
}

extension String {
    /// Reads a text saved by a spreadsheet: UTF-8 (without its byte order mark) when the bytes are
    /// valid UTF-8, GB18030 otherwise; `nil` when they are neither.
    init?(spreadsheetText data: Data) {
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .gb18030) else { return nil }
        self = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}
