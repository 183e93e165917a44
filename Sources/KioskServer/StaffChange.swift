import GRDB
import KioskCore
import KioskHTTP

extension Services {
    /// Makes a staff change through the group-commit writer and replies once it is on disk: with
    /// `respond`'s response to what `work` returned, or with the refusal `work` threw.
    func commitChange<Value>(
        _ work: @escaping @Sendable (Database) throws -> Value, reply: Reply,
        respond: @escaping @Sendable (Value) throws -> Response
    ) {
        writer.submit(work) { [self] result in
            do {
                reply(try respond(result.get()))
            } catch let error as APIError {
                reply(error)
            } catch let refusal as ProctorRefusal {
                reply(refusal.apiError)
            } catch {
                reply(StorageFailure.apiError(for: error, logger: logger))
            }
        }
    }
}
