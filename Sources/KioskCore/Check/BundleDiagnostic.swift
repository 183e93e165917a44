/// One problem found in a deployment bundle, located to the file and the line or JSON path, with
/// a stable ``code`` for programs and a message and fix hint for people (zh-CN first, then en).
///
/// Its description is the line `kiosk check` prints:
///
///     instruments/g4_student_1.json $.sections[0].pages[0].items[3].name: 错误 duplicate_variable: 变量名 SQ05 重复 / duplicate variable name SQ05 — 提示/hint: ...
public struct BundleDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Whether a problem stops the bundle from being used.
    public enum Severity: String, Sendable, Hashable {
        /// The bundle cannot be used until it is fixed.
        case error
        /// The bundle can be used, but probably not as its author meant.
        case warning

        /// The word the terminal shows: 错误 or 警告.
        public var chineseName: String {
            switch self {
            case .error: "错误"
            case .warning: "警告"
            }
        }
    }

    /// Where in its file a problem is.
    public enum Location: Sendable, Hashable {
        /// The file as a whole (a missing file, an empty roster, ...).
        case file
        /// A line of a CSV file, or of a JSON file that does not parse; lines and columns count
        /// from 1.
        case line(Int, column: Int?)
        /// A value inside a JSON file that parses.
        case jsonPath(JSONPath)
    }

    public var code: DiagnosticCode
    /// The file's path relative to the bundle folder, such as `instruments/g4_student_1.json`.
    public var file: String
    public var location: Location
    /// What is wrong.
    public var message: BilingualText
    /// How to put it right.
    public var hint: BilingualText

    public init(code: DiagnosticCode, file: String, location: Location, message: BilingualText, hint: BilingualText) {
        self.code = code
        self.file = file
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// The severity of the diagnostic's code.
    public var severity: Severity {
        code.severity
    }

    /// The line, for a diagnostic located by line.
    public var line: Int? {
        guard case .line(let line, _) = location else { return nil }
        return line
    }

    /// The JSON path, for a diagnostic located inside a JSON document.
    public var jsonPath: JSONPath? {
        guard case .jsonPath(let path) = location else { return nil }
        return path
    }

    public var description: String {
        let place: String
        switch location {
        case .file: place = file
        case .line(let line, column: nil): place = "\(file):\(line)"
        case .line(let line, column: let column?): place = "\(file):\(line):\(column)"
        case .jsonPath(let path): place = "\(file) \(path)"
        }
        return "\(place): \(severity.chineseName) \(code.rawValue): \(message) — 提示/hint: \(hint)"
    }
}

extension [BundleDiagnostic] {
    /// The diagnostics of one file in the order a reader meets their places: the whole file first,
    /// then by line, or by the positions along the JSON path (`items[2]` before `items[10]`);
    /// diagnostics at one place keep the order they were found in.
    func inDocumentOrder() -> [BundleDiagnostic] {
        enumerated()
            .sorted { lhs, rhs in
                let (left, right) = (lhs.element.location.orderKey, rhs.element.location.orderKey)
                return left == right ? lhs.offset < rhs.offset : left.lexicographicallyPrecedes(right)
            }
            .map(\.element)
    }
}

extension BundleDiagnostic.Location {
    /// The numbers that place a location in its file: none for the file, the line, or the array
    /// positions along the path.
    fileprivate var orderKey: [Int] {
        switch self {
        case .file:
            []
        case .line(let line, let column):
            [line, column ?? 0]
        case .jsonPath(let path):
            path.components.compactMap { component in
                guard case .index(let index) = component else { return nil }
                return index
            }
        }
    }
}
