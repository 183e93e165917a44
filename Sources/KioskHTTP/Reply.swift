/// Sends the response to one request. A handler calls it exactly once: right away, or later from
/// another thread (after a commit, say) while the connection waits suspended off the event loop.
public struct Reply: Sendable {
    private let send: @Sendable (Response) -> Void

    init(_ send: @escaping @Sendable (Response) -> Void) {
        self.send = send
    }

    public func callAsFunction(_ response: Response) {
        send(response)
    }

    /// Answers with the JSON body of an ``APIError``.
    public func callAsFunction(_ error: APIError) {
        send(Response(error: error))
    }
}
