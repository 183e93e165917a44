import CReadStat
import Foundation

/// The wide table as an SPSS `.sav` or a Stata `.dta` file, written by ReadStat: variable labels,
/// value labels and the missing codes declared, in Chinese (UTF-8), so SPSS, PSPP, Stata and R
/// open it with nothing to apply by hand.
///
/// SPSS gets each answer column's missing codes as a user-missing range (they are contiguous above
/// every valid value, so nothing valid falls inside). Stata has no user-missing values; there each
/// missing reason is an extended missing value (`.a` no response … `.e` not administered) with its
/// label.
final class ReadStatWriter: WideTableWriter {
    enum Format {
        case sav
        case dta

        var fileExtension: String {
            switch self {
            case .sav: "sav"
            case .dta: "dta"
            }
        }
    }

    /// Stata's extended missing value for each reason.
    static let stataTags: [MissingReason: CChar] = [
        .noResponse: CChar(UInt8(ascii: "a")), .notReached: CChar(UInt8(ascii: "b")),
        .hiddenByRule: CChar(UInt8(ascii: "c")), .timedOut: CChar(UInt8(ascii: "d")),
        .notAdministered: CChar(UInt8(ascii: "e")),
    ]

    /// Stata 14's limit on a `str` variable, in bytes.
    static let stataStringLimit = 2045

    private let format: Format
    private let sink: FileSink
    private let fileLabel: String
    private let timestamp: Date
    private let textWidths: [String: Int]
    private let writer: UnsafeMutablePointer<readstat_writer_t>
    private var columns: [WideColumn] = []
    private var variables: [UnsafeMutablePointer<readstat_variable_t>] = []

    /// - Parameters:
    ///   - textWidths: the widest value (in UTF-8 bytes) of each text column, by name.
    ///   - timestamp: written into the file's header, so the same data gives the same bytes.
    init(format: Format, sink: FileSink, fileLabel: String, timestamp: Date, textWidths: [String: Int]) {
        self.format = format
        self.sink = sink
        self.fileLabel = fileLabel
        self.timestamp = timestamp
        self.textWidths = textWidths
        writer = readstat_writer_init()
    }

    deinit {
        readstat_writer_free(writer)
    }

    func begin(columns: [WideColumn], rowCount: Int) throws {
        self.columns = columns
        try check(readstat_set_data_writer(writer) { data, length, context in
            guard let data, let context else { return -1 }
            let sink = Unmanaged<FileSink>.fromOpaque(context).takeUnretainedValue()
            do {
                try sink.write(UnsafeRawBufferPointer(start: data, count: length))
                return length
            } catch {
                return -1
            }
        })
        try check(readstat_writer_set_file_label(writer, Self.truncated(fileLabel, bytes: 64)))
        try check(readstat_writer_set_file_timestamp(writer, time_t(timestamp.timeIntervalSince1970)))
        if format == .dta { try check(readstat_writer_set_file_format_version(writer, 118)) }
        variables = try columns.map(addVariable)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        switch format {
        case .sav: try check(readstat_begin_writing_sav(writer, context, rowCount))
        case .dta: try check(readstat_begin_writing_dta(writer, context, rowCount))
        }
    }

    private func addVariable(_ column: WideColumn) throws -> UnsafeMutablePointer<readstat_variable_t> {
        let isText = column.kind == .text
        let width = isText ? max(1, textWidths[column.name] ?? 1) : 0
        let storageWidth = format == .dta ? min(width, Self.stataStringLimit) : width
        guard let variable = readstat_add_variable(
            writer, column.name, isText ? READSTAT_TYPE_STRING : READSTAT_TYPE_DOUBLE, storageWidth) else {
            throw ReadStatError(message: "cannot add variable \(column.name)")
        }
        readstat_variable_set_label(variable, Self.truncated(column.label.zhCN, bytes: format == .sav ? 255 : 320))
        if case .number(let decimals) = column.kind {
            let digits = max(8, (column.missingCodes.values.max() ?? 0).description.count + decimals + 1)
            readstat_variable_set_format(variable, format == .sav ? "F\(digits).\(decimals)" : "%\(digits).\(decimals)f")
            // Codes with labels of their own (beyond the missing codes) are categories; the rest quantities.
            let isCategorical = column.valueLabels.count > column.missingCodes.count
            readstat_variable_set_measure(variable, isCategorical ? READSTAT_MEASURE_NOMINAL : READSTAT_MEASURE_SCALE)
        } else {
            readstat_variable_set_measure(variable, READSTAT_MEASURE_NOMINAL)
        }
        if !isText, !column.valueLabels.isEmpty {
            try attachValueLabels(column, to: variable)
        }
        if !isText, format == .sav, let low = column.missingCodes.values.min(), let high = column.missingCodes.values.max() {
            try check(readstat_variable_add_missing_double_range(variable, Double(low), Double(high)))
        }
        return variable
    }

    private func attachValueLabels(_ column: WideColumn, to variable: UnsafeMutablePointer<readstat_variable_t>) throws {
        guard let set = readstat_add_label_set(writer, READSTAT_TYPE_DOUBLE, "L_" + column.name) else {
            throw ReadStatError(message: "cannot add the labels of \(column.name)")
        }
        let missing = Set(column.missingCodes.values)
        for (value, label) in column.valueLabels {
            let text = Self.truncated(label.zhCN, bytes: format == .sav ? 120 : 32_000)
            if format == .dta, missing.contains(value) {
                guard let reason = column.missingCodes.first(where: { $0.value == value })?.key,
                      let tag = Self.stataTags[reason] else { continue }
                readstat_label_tagged_value(set, tag, text)
            } else {
                readstat_label_double_value(set, Double(value), text)
            }
        }
        readstat_variable_set_label_set(variable, set)
    }

    func write(_ row: [WideCell]) throws {
        try check(readstat_begin_row(writer))
        for (index, cell) in row.enumerated() {
            let variable = variables[index]
            let column = columns[index]
            switch cell {
            case .number(let number):
                if format == .dta, let reason = column.missingCodes.first(where: { Double($0.value) == number })?.key,
                   let tag = Self.stataTags[reason] {
                    try check(readstat_insert_tagged_missing_value(writer, variable, tag))
                } else {
                    try check(readstat_insert_double_value(writer, variable, number))
                }
            case .text(let text):
                let limit = format == .dta ? Self.stataStringLimit : Int.max
                try check(readstat_insert_string_value(writer, variable, Self.truncated(text, bytes: limit)))
            case .empty:
                try check(readstat_insert_missing_value(writer, variable))
            }
        }
        try check(readstat_end_row(writer))
    }

    func finish() throws {
        try check(readstat_end_writing(writer))
    }

    private func check(_ error: readstat_error_t) throws {
        guard error == READSTAT_OK else {
            throw ReadStatError(message: String(cString: readstat_error_message(error)))
        }
    }

    /// `text` cut to at most `bytes` UTF-8 bytes, at a character boundary.
    static func truncated(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var result = ""
        var count = 0
        for character in text {
            let size = character.utf8.count
            if count + size > bytes { break }
            result.append(character)
            count += size
        }
        return result
    }
}

/// ReadStat refused to write, with its own message.
public struct ReadStatError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { "ReadStat: \(message)" }
}
