import Foundation
import KioskCore
import KioskHTTP
import KioskStorage

/// `POST /api/v1/lab/checks`: a lab machine's browser reports what the readiness page measured.
/// The report is stored through the group-commit writer and answered once it is on disk.
struct LabCheckRoutes {
    let services: Services

    func register(in router: inout Router) {
        router.post("/api/v1/lab/checks", waiting: submit)
    }

    private struct Verdict: Encodable {
        var id: Int64
        var passed: Bool
        var problems: [Problem]
        var warnings: [Problem]
    }

    private struct Problem: Encodable {
        var code: String
        var message: String
        var messageEn: String

        init(_ problem: LabCheckProblem) {
            code = problem.rawValue
            message = problem.message
            messageEn = problem.messageEn
        }
    }

    private func submit(_ request: Request, _ reply: Reply) throws {
        let check = try request.decodeJSON(LabCheck.self)
        guard check.isPlausible else {
            throw APIError(
                .unprocessableContent, code: "implausible_check",
                message: "检测结果中的数值超出合理范围", messageEn: "The check's values are out of any plausible range")
        }
        let record = LabCheckRecord(check, clientAddress: request.clientAddress, receivedAt: services.clock.now)
        services.writer.submit({ db in try record.inserted(db).id ?? 0 }) { result in
            switch result {
            case .success(let id):
                let verdict = Verdict(
                    id: id, passed: check.passed,
                    problems: check.problems.map(Problem.init), warnings: check.warnings.map(Problem.init))
                reply((try? Response.json(verdict, status: .created)) ?? Response(error: .internalError))
            case .failure(let error):
                reply(StorageFailure.apiError(for: error, logger: services.logger))
            }
        }
    }
}
