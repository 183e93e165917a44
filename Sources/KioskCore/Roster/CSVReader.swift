/// One record of a CSV file and the line it starts on (lines count from 1, and a quoted field
/// may span several).
struct CSVRecord: Equatable {
    var fields: [String]
    var line: Int

    /// Whether every field is empty, as in the blank or comma-only lines spreadsheets leave.
    var isBlank: Bool {
        fields.allSatisfy(\.isEmpty)
    }
}

/// Splits CSV text into records by RFC 4180: fields separated by commas, records by CRLF, LF or
/// CR; a field in double quotes may hold commas, line breaks and doubled quotes (`""`).
///
/// It reads on past a broken quote, reporting it with its line: a quoted field never closed, and
/// text after a closing quote (kept as part of the field).
enum CSVReader {
    private enum State {
        case fieldStart, unquoted, quoted, afterClosingQuote
    }

    static func records(in text: String, log: DiagnosticLog) -> [CSVRecord] {
        let scalars = Array(text.unicodeScalars)
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var state = State.fieldStart
        var line = 1
        var recordLine = 1
        var quoteLine = 1

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            state = .fieldStart
        }

        var index = 0
        while index < scalars.count {
            var scalar = scalars[index]
            index += 1
            let next = index < scalars.count ? scalars[index] : nil
            if scalar == "\r" && next == "\n" {
                scalar = "\n"
                index += 1
            }
            let isLineBreak = scalar == "\n" || scalar == "\r"

            switch state {
            case .quoted where scalar == "\"" && next == "\"":
                field.append(scalar)
                index += 1
            case .quoted where scalar == "\"":
                state = .afterClosingQuote
            case .quoted:
                field.append(scalar)
                if isLineBreak {
                    line += 1
                }
            case _ where scalar == ",":
                endField()
            case _ where isLineBreak:
                endField()
                records.append(CSVRecord(fields: fields, line: recordLine))
                fields = []
                line += 1
                recordLine = line
            case .fieldStart where scalar == "\"":
                state = .quoted
                quoteLine = line
            case .afterClosingQuote:
                log.report(.textAfterClosingQuote, line: line)
                field.append(scalar)
                state = .unquoted
            case .fieldStart, .unquoted:
                field.append(scalar)
                state = .unquoted
            }
        }

        if state == .quoted {
            log.report(.unterminatedQuote, line: quoteLine)
        }
        if state != .fieldStart || !fields.isEmpty {
            endField()
            records.append(CSVRecord(fields: fields, line: recordLine))
        }
        return records
    }
}

extension Problem {
    fileprivate static let unterminatedQuote = Problem(
        .csvSyntax, zh: "从这一行开始的引号没有结束，其后的内容都被读进了同一格",
        en: "a quote opened on this line is never closed, so the rest of the file fell into one cell",
        hintZh: "补上结尾的引号；单元格内的引号要写两次（\"\"）",
        hintEn: "add the closing quote; a quote inside a cell is written twice (\"\")")

    fileprivate static let textAfterClosingQuote = Problem(
        .csvSyntax, zh: "引号结束后、逗号之前还有文字", en: "text follows a closing quote before the comma",
        hintZh: "把整格放在引号内，格内的引号写两次（\"\"）",
        hintEn: "put the whole cell in quotes and write a quote inside it twice (\"\")")
}
