/// Where the rows of an instrument's wide table go: a CSV file, an SPSS file or a Stata file.
protocol WideTableWriter {
    /// Called once, before the rows, with how many rows will follow.
    func begin(columns: [WideColumn], rowCount: Int) throws
    func write(_ row: [WideCell]) throws
    /// Ends the file (the sink is finished by the caller).
    func finish() throws
}

/// The wide table as CSV: a header of column names, then one row per record.
final class WideCSVWriter: WideTableWriter {
    private let csv: CSVWriter

    init(sink: FileSink, byteOrderMark: Bool) throws {
        csv = try CSVWriter(sink: sink, byteOrderMark: byteOrderMark)
    }

    func begin(columns: [WideColumn], rowCount: Int) throws {
        try csv.writeHeader(columns.map(\.name))
    }

    func write(_ row: [WideCell]) throws {
        for cell in row {
            switch cell {
            case .number(let number): csv.number(number)
            case .text(let text): csv.text(text)
            case .empty: csv.empty()
            }
        }
        try csv.endRow()
    }

    func finish() throws {}
}
