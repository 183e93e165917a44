/// Why the bench could not go on.
enum BenchError: Error, CustomStringConvertible {
    case commandFailed(String, String)
    case serverExited(String, logPath: String)
    case serverNotServing(String, logPath: String)
    case serverDidNotStop(String, logPath: String)
    case noFreePort
    case noSessionWindow
    case missingAccessCode(String)

    var description: String {
        switch self {
        case .commandFailed(let command, let output): "\(command) failed:\n\(output)"
        case .serverExited(let name, let log): "the \(name) exited before serving; see \(log)"
        case .serverNotServing(let name, let log): "the \(name) did not answer in time; see \(log)"
        case .serverDidNotStop(let name, let log): "the \(name) did not stop on SIGTERM and was killed; see \(log)"
        case .noFreePort: "no free TCP port on 127.0.0.1"
        case .noSessionWindow: "no time zone gives a three-hour session window today"
        case .missingAccessCode(let id): "login-codes.csv has no code for \(id)"
        }
    }
}
