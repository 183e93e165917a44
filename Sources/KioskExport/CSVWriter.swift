/// One field of a CSV row.
enum CSVField {
    /// Free text: quoted as RFC 4180 needs, and neutralised when a spreadsheet would read it as a
    /// formula (a leading `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`).
    case text(String)
    /// A number or a code, written as it is.
    case number(String)
    case empty
}

/// Writes RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, quote or line break,
/// quotes doubled) in UTF-8, with a byte-order mark when asked (Excel in Chinese needs it).
final class CSVWriter {
    private let sink: FileSink
    private(set) var rowCount = 0

    init(sink: FileSink, byteOrderMark: Bool) throws {
        self.sink = sink
        if byteOrderMark { try sink.write([0xEF, 0xBB, 0xBF]) }
    }

    /// The header row; not counted as a row.
    func writeHeader(_ names: [String]) throws {
        try writeLine(names.map(CSVField.text))
    }

    func write(_ fields: [CSVField]) throws {
        try writeLine(fields)
        rowCount += 1
    }

    private func writeLine(_ fields: [CSVField]) throws {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { line += "," }
            switch field {
            case .empty: break
            case .number(let number): line += number
            case .text(let text): line += Self.escaped(text)
            }
        }
        line += "\r\n"
        try sink.write(line)
    }

    static func escaped(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            text = "'" + text
        }
        // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number as the export writes it: whole numbers without a point, others in their shortest form.
    static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }
}
