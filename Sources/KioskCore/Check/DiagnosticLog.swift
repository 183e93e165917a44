/// Collects the problems found in one file while it is read, so that reading goes on past the first.
///
/// A reference type so that every ``JSONNode`` of a document can report into the same log.
final class DiagnosticLog {
    /// The file's path relative to the bundle folder.
    let file: String
    private(set) var diagnostics: [BundleDiagnostic] = []

    init(file: String) {
        self.file = file
    }

    var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }

    func report(_ problem: Problem, at location: BundleDiagnostic.Location) {
        diagnostics.append(
            BundleDiagnostic(code: problem.code, file: file, location: location, message: problem.message, hint: problem.hint))
    }

    func report(_ problem: Problem, at path: JSONPath) {
        report(problem, at: .jsonPath(path))
    }

    func report(_ problem: Problem, line: Int) {
        report(problem, at: .line(line, column: nil))
    }
}
