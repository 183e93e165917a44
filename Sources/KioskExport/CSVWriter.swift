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
///
/// A row is written field by field (``text(_:)``, ``integer(_:)``, ... then ``endRow()``) into a
/// byte buffer, so that a large file's rows cost no `String` per field; ``write(_:)`` takes a whole
/// row of ``CSVField``s.
final class CSVWriter {
    private let sink: FileSink
    private var line: [UInt8] = []
    private var fieldsInLine = 0
    private(set) var rowCount = 0

    init(sink: FileSink, byteOrderMark: Bool) throws {
        self.sink = sink
        if byteOrderMark { try sink.write([0xEF, 0xBB, 0xBF]) }
    }

    /// The header row; not counted as a row.
    func writeHeader(_ names: [String]) throws {
        for name in names { text(name) }
        try endLine()
    }

    func write(_ fields: [CSVField]) throws {
        for field in fields {
            switch field {
            case .text(let text): self.text(text)
            case .number(let number): self.number(number)
            case .empty: empty()
            }
        }
        try endRow()
    }

    /// A text field (UTF-8), quoted and neutralised as needed.
    func text<Text: Collection<UInt8>>(utf8 text: Text) {
        startField()
        Self.appendText(text, to: &line)
    }

    func text(_ text: String) {
        var text = text
        text.withUTF8 { self.text(utf8: $0) }
    }

    /// Text fields encoded once for many rows, such as an attempt's identity on each of its lines.
    struct EncodedFields {
        fileprivate var bytes: [UInt8] = []
        fileprivate var count = 0
    }

    static func encode(texts: [String]) -> EncodedFields {
        var fields = EncodedFields()
        for var text in texts {
            if fields.count > 0 { fields.bytes.append(UInt8(ascii: ",")) }
            text.withUTF8 { appendText($0, to: &fields.bytes) }
            fields.count += 1
        }
        return fields
    }

    func fields(_ fields: EncodedFields) {
        guard fields.count > 0 else { return }
        startField()
        line.append(contentsOf: fields.bytes)
        fieldsInLine += fields.count - 1
    }

    /// A number or code already written as text.
    func number(_ text: String) {
        startField()
        line.append(text)
    }

    func integer(_ value: Int64) {
        startField()
        line.appendDecimal(value)
    }

    /// A number as the export writes it: whole numbers without a point, others in their shortest form.
    func number(_ value: Double) {
        if value == value.rounded(), abs(value) < 1e15 { return integer(Int64(value)) }
        number(String(value))
    }

    /// Seconds to the millisecond (`12.340`).
    func seconds(milliseconds: Int64) {
        startField()
        line.appendSeconds(milliseconds: milliseconds)
    }

    func empty() {
        startField()
    }

    /// Ends the row of the fields written since the last one.
    func endRow() throws {
        try endLine()
        rowCount += 1
    }

    private func startField() {
        if fieldsInLine > 0 { line.append(UInt8(ascii: ",")) }
        fieldsInLine += 1
    }

    private func endLine() throws {
        line.append(UInt8(ascii: "\r"))
        line.append(UInt8(ascii: "\n"))
        try sink.write(line)
        line.removeAll(keepingCapacity: true)
        fieldsInLine = 0
    }

    private static func appendText<Text: Collection<UInt8>>(_ text: Text, to line: inout [UInt8]) {
        let quoted = text.contains(where: needsQuotes)
        if quoted { line.append(UInt8(ascii: "\"")) }
        if let first = text.first, startsFormula(first) { line.append(UInt8(ascii: "'")) }
        guard quoted else { return line.append(contentsOf: text) }
        for byte in text {
            if byte == UInt8(ascii: "\"") { line.append(byte) }
            line.append(byte)
        }
        line.append(UInt8(ascii: "\""))
    }

    private static func startsFormula(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
