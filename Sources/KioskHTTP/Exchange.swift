import CMicroHTTPD
import Synchronization

/// One request on its way through the server, from libmicrohttpd's first call of the access
/// handler to its completion callback.
///
/// libmicrohttpd keeps a retained pointer to it in the connection's `con_cls`; a handler that
/// answers later holds it through its ``Reply``. The response may be delivered from any thread:
/// if the connection was suspended meanwhile, delivering resumes it, and libmicrohttpd calls the
/// access handler again, which queues the response.
// `@unchecked`: the connection pointer is only handed to libmicrohttpd, from its own thread or
// through `MHD_resume_connection`, which may be called from any thread; the rest is under `state`.
final class Exchange: @unchecked Sendable {
    let connection: OpaquePointer
    private let state = Mutex(State())

    private struct State {
        var body: [UInt8] = []
        var dispatched = false
        var suspended = false
        var response: Response?
        var delivered = false
    }

    init(connection: OpaquePointer) {
        self.connection = connection
    }

    /// Adds a piece of the body; returns the body's size so far.
    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        state.withLock { state in
            state.body.append(contentsOf: bytes)
            return state.body.count
        }
    }

    /// The body, the first time this is called for a complete request; nil once dispatched.
    func beginDispatch() -> [UInt8]? {
        state.withLock { state in
            guard !state.dispatched else { return nil }
            state.dispatched = true
            defer { state.body = [] }
            return state.body
        }
    }

    /// Sets the response (the first one wins) and resumes the connection if it waits for it.
    func deliver(_ response: Response) {
        let resume = state.withLock { state in
            guard !state.delivered else { return false }
            state.delivered = true
            state.response = response
            let wasSuspended = state.suspended
            state.suspended = false
            return wasSuspended
        }
        // Outside the lock: resuming takes libmicrohttpd's own lock and wakes its event loop, and
        // the event thread must not wait for that to read its next request's body. The connection
        // stays suspended, untouched by anyone, until this call.
        if resume { MHD_resume_connection(connection) }
    }

    /// The response if one is ready; otherwise suspends the connection until ``deliver(_:)``.
    func takeResponseOrSuspend() -> Response? {
        state.withLock { state in
            if let response = state.response {
                state.response = nil
                return response
            }
            if !state.delivered {
                state.suspended = true
                MHD_suspend_connection(connection)
            }
            return nil
        }
    }
}
