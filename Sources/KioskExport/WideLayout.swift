import KioskCore

/// One cell of a wide row.
public enum WideCell: Sendable, Equatable {
    case number(Double)
    case text(String)
    /// No value at all (a fixed column without one, such as the end of an attempt still open).
    case empty
}

/// One column of an instrument's wide table, with what the codebook and the SPSS and Stata files
/// say about it.
public struct WideColumn: Sendable {
    public enum Kind: Sendable, Equatable {
        case text
        /// A number shown with this many decimals.
        case number(decimals: Int)
    }

    /// Where the column's value comes from.
    public enum Source: Sendable {
        case participantID, school, grade, className, session, instrumentID, instrumentVersion, instrumentHash
        case startedAt, endedAt, status
        /// The variable's answer (or missing code).
        case variable(AnswerVariable)
        /// 1 when the multiple-choice variable's answer holds the option, else 0.
        case option(AnswerVariable, code: Int)
    }

    public var name: String
    public var label: LocalizedText
    public var kind: Kind
    public var source: Source
    /// Value labels: codes and their Chinese and English names (missing codes included).
    public var valueLabels: [(value: Int, label: LocalizedText)]
    /// The missing codes of an answer column; empty for the fixed columns.
    public var missingCodes: [MissingReason: Int]

    /// The answer variable the column belongs to.
    public var variable: AnswerVariable? {
        switch source {
        case .variable(let variable), .option(let variable, _): variable
        default: nil
        }
    }
}

/// The columns of an instrument's wide table: the fixed ones that identify the row, then one per
/// variable, a multiple-choice variable becoming one 0/1 column per option.
public struct WideLayout: Sendable {
    public let classifier: ResponseClassifier
    public let columns: [WideColumn]

    public init(instrument: Instrument, missingCodes: MissingCodes) {
        classifier = ResponseClassifier(instrument: instrument)
        var columns = Self.fixedColumns
        for variable in classifier.variables {
            columns += Self.columns(of: variable, missingCodes: missingCodes)
        }
        self.columns = columns
    }

    static let fixedColumns: [WideColumn] = {
        func fixed(_ name: String, _ zh: String, _ en: String, _ kind: WideColumn.Kind = .text, _ source: WideColumn.Source) -> WideColumn {
            WideColumn(name: name, label: LocalizedText(zhCN: zh, en: en), kind: kind, source: source, valueLabels: [], missingCodes: [:])
        }
        return [
            fixed("participant_id", "测试对象编号", "Participant ID", .text, .participantID),
            fixed("school", "学校", "School", .text, .school),
            fixed("grade", "年级", "Grade", .number(decimals: 0), .grade),
            fixed("class", "班级", "Class", .text, .className),
            fixed("session_id", "场次", "Session", .text, .session),
            fixed("instrument_id", "问卷", "Instrument", .text, .instrumentID),
            fixed("instrument_version", "问卷版本", "Instrument version", .text, .instrumentVersion),
            fixed("instrument_hash", "问卷指纹（SHA-256）", "Instrument fingerprint (SHA-256)", .text, .instrumentHash),
            fixed("started_at", "开始作答时间", "Started", .text, .startedAt),
            fixed("ended_at", "结束时间", "Ended", .text, .endedAt),
            fixed("status", "作答状态", "Status", .text, .status),
        ]
    }()

    static func missingLabels(_ codes: [MissingReason: Int]) -> [(value: Int, label: LocalizedText)] {
        MissingReason.allCases.compactMap { reason in
            codes[reason].map { ($0, LocalizedText(zhCN: reason.label.zhCN, en: reason.label.en)) }
        }
    }

    static func columns(of variable: AnswerVariable, missingCodes: MissingCodes) -> [WideColumn] {
        switch variable.answer {
        case .choice(let options):
            let codes = missingCodes.codes(above: Double(options.map(\.code).max() ?? 0))
            return [WideColumn(
                name: variable.name, label: variable.label, kind: .number(decimals: 0), source: .variable(variable),
                valueLabels: options.map { ($0.code, $0.label) } + missingLabels(codes), missingCodes: codes)]
        case .choices(let options, _, _):
            let codes = missingCodes.codes(above: 1)
            let selected: [(value: Int, label: LocalizedText)] = [
                (0, LocalizedText(zhCN: "未选", en: "Not selected")), (1, LocalizedText(zhCN: "选中", en: "Selected")),
            ]
            return options.map { option in
                WideColumn(
                    name: "\(variable.name)_\(option.code < 0 ? "m\(-option.code)" : "\(option.code)")",
                    label: LocalizedText(
                        zhCN: "\(variable.label.zhCN)：\(option.label.zhCN)",
                        en: variable.label.en.map { "\($0): \(option.label.en ?? option.label.zhCN)" }),
                    kind: .number(decimals: 0), source: .option(variable, code: option.code),
                    valueLabels: selected + missingLabels(codes), missingCodes: codes)
            }
        case .integer(_, let max):
            let codes = missingCodes.codes(above: Double(max))
            return [WideColumn(
                name: variable.name, label: variable.label, kind: .number(decimals: 0), source: .variable(variable),
                valueLabels: missingLabels(codes), missingCodes: codes)]
        case .decimal(_, let max, let decimals):
            let codes = missingCodes.codes(above: max)
            return [WideColumn(
                name: variable.name, label: variable.label, kind: .number(decimals: decimals), source: .variable(variable),
                valueLabels: missingLabels(codes), missingCodes: codes)]
        case .text:
            // Texts carry the base codes as text; a number typed as a text answer is still an answer.
            return [WideColumn(
                name: variable.name, label: variable.label, kind: .text, source: .variable(variable),
                valueLabels: [], missingCodes: missingCodes.base)]
        }
    }
}
