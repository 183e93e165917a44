/// What ``BundleChecker`` found in a bundle: every problem at once, and the bundle itself when
/// nothing stops it from being used.
public struct CheckReport: Sendable {
    /// Every problem, file by file in the order `kiosk.json`, `instruments/` (by name),
    /// `timetable.json`, `roster.csv`, and within a file in the order found.
    public let diagnostics: [BundleDiagnostic]
    /// The bundle as read; present exactly when there is no error.
    public let bundle: DeploymentBundle?

    public init(diagnostics: [BundleDiagnostic], bundle: DeploymentBundle?) {
        self.diagnostics = diagnostics
        self.bundle = bundle
    }

    /// The diagnostics that stop the bundle from being used.
    public var errors: [BundleDiagnostic] {
        diagnostics.filter { $0.severity == .error }
    }

    /// The diagnostics worth a look that do not stop the bundle.
    public var warnings: [BundleDiagnostic] {
        diagnostics.filter { $0.severity == .warning }
    }

    /// Whether the bundle can be used: no errors (warnings allowed).
    public var isClean: Bool {
        !diagnostics.contains { $0.severity == .error }
    }
}

extension CheckReport: CustomStringConvertible {
    /// The report for the terminal: one line per problem, then a count.
    public var description: String {
        (diagnostics.map(\.description) + [summary.description]).joined(separator: "\n")
    }

    /// `发现 2 个错误、1 个警告 / found 2 errors, 1 warning`.
    public var summary: BilingualText {
        let errorCount = errors.count
        let warningCount = warnings.count
        let english = "\(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s")"
        return isClean
            ? BilingualText(zhCN: "检查通过：\(warningCount) 个警告", en: "check passed: \(english)")
            : BilingualText(zhCN: "发现 \(errorCount) 个错误、\(warningCount) 个警告", en: "found \(english)")
    }
}
