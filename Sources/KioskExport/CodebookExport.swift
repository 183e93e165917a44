import Foundation
import KioskCore

/// The codebook: every column of every instrument's wide data with its labels, type, codes, missing
/// codes and skip rule, as CSV (one row per column) and as JSON.
struct CodebookExport {
    let exports: [WideExport]

    static let csvHeader = [
        "instrument_id", "instrument_version", "column", "variable", "item", "item_type", "label_zh", "label_en",
        "type", "decimals", "codes", "missing_codes", "skip_rule",
    ]

    func writeCSV(to sink: FileSink, byteOrderMark: Bool) throws -> Int {
        let csv = try CSVWriter(sink: sink, byteOrderMark: byteOrderMark)
        try csv.writeHeader(Self.csvHeader)
        for export in exports {
            for column in export.layout.columns {
                let missing = Set(column.missingCodes.values)
                let codes = column.valueLabels.filter { !missing.contains($0.value) }
                    .map { "\($0.value)=\($0.label.zhCN)" }.joined(separator: "; ")
                let missingCodes = MissingReason.allCases.compactMap { reason in
                    column.missingCodes[reason].map { "\($0)=\(reason.label.zhCN)" }
                }.joined(separator: "; ")
                try csv.write([
                    .text(export.stored.id), .text(export.stored.version), .text(column.name),
                    .text(column.variable?.name ?? ""), .text(column.variable?.itemName ?? ""),
                    .text(column.variable?.itemType.rawValue ?? ""), .text(column.label.zhCN), .text(column.label.en ?? ""),
                    .text(column.kind == .text ? "text" : "numeric"), decimals(column), .text(codes), .text(missingCodes),
                    .text(column.variable?.relevant ?? ""),
                ])
            }
        }
        return csv.rowCount
    }

    private func decimals(_ column: WideColumn) -> CSVField {
        if case .number(let decimals) = column.kind { return .number(String(decimals)) }
        return .empty
    }

    private struct Document: Encodable {
        struct Instrument: Encodable {
            var id: String
            var version: String
            var hash: String
            var title: LocalizedText
            var columns: [Column]
        }
        struct Column: Encodable {
            var name: String
            var variable: String?
            var item: String?
            var itemType: String?
            var label: LocalizedText
            var type: String
            var decimals: Int?
            var codes: [Code]
            var missingCodes: [String: Int]
            var skipRule: String?
        }
        struct Code: Encodable {
            var value: Int
            var label: LocalizedText
        }
        var missingReasons: [String: LocalizedText]
        var instruments: [Instrument]
    }

    func writeJSON(to sink: FileSink) throws -> Int {
        let instruments = exports.map { export in
            Document.Instrument(
                id: export.stored.id, version: export.stored.version, hash: export.stored.hash,
                title: export.stored.instrument.title,
                columns: export.layout.columns.map { column in
                    let missing = Set(column.missingCodes.values)
                    var decimals: Int?
                    if case .number(let places) = column.kind { decimals = places }
                    return Document.Column(
                        name: column.name, variable: column.variable?.name, item: column.variable?.itemName,
                        itemType: column.variable?.itemType.rawValue, label: column.label,
                        type: column.kind == .text ? "text" : "numeric", decimals: decimals,
                        codes: column.valueLabels.filter { !missing.contains($0.value) }.map { Document.Code(value: $0.value, label: $0.label) },
                        missingCodes: Dictionary(uniqueKeysWithValues: column.missingCodes.map { ($0.key.rawValue, $0.value) }),
                        skipRule: column.variable?.relevant)
                })
        }
        let reasons = Dictionary(uniqueKeysWithValues: MissingReason.allCases.map {
            ($0.rawValue, LocalizedText(zhCN: $0.label.zhCN, en: $0.label.en))
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try sink.write(try encoder.encode(Document(missingReasons: reasons, instruments: instruments)))
        try sink.write("\n")
        return instruments.reduce(0) { $0 + $1.columns.count }
    }
}
