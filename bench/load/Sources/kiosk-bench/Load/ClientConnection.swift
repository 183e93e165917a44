import CNetwork
import Glibc

/// One participant's browser: a keep-alive connection, the request it waits for, and how far
/// its answers have been acknowledged. Owned and touched by one worker thread only.
final class ClientConnection {
    enum Step: Equatable {
        case login
        case fetchAttempt
        case save(seq: Int64)
        case submit
    }

    let participant: Participant
    /// The connection's index in its worker, carried in its epoll events.
    let slot: Int
    private(set) var descriptor: Int32 = -1
    /// Counts the sockets opened, so that an event for an earlier socket is recognised as stale.
    private(set) var generation: UInt32 = 0
    private(set) var connecting = false
    private var output: [UInt8] = []
    private var written = 0
    private var watchingWritable = false
    var reader = ResponseReader()

    /// The request whose response is awaited, and when its latency started.
    var inFlight: Step?
    var startedAt: UInt64 = 0
    /// The login's token: from the login response, or given beforehand for saves-only servers.
    var token: String?
    var ready = false
    var finished = false
    var setupAttempts = 0
    var consecutiveFailures = 0
    var nextSeq: Int64 = 1
    var acknowledgedSeq: Int64 = 0
    /// Open-loop saves that fell due while one was in flight: their due times, oldest first.
    var overdue: [UInt64] = []

    init(participant: Participant, slot: Int) {
        self.participant = participant
        self.slot = slot
        if case .token(let token) = participant.login { self.token = token }
    }

    var isOpen: Bool { descriptor >= 0 }

    /// Opens a non-blocking connection from the participant's own loopback address.
    func open(port: UInt16, epoll: Int32) throws(ConnectionFailure) {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard socketDescriptor >= 0 else { throw .system("socket", errno) }
        descriptor = socketDescriptor
        generation &+= 1
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var source = Self.address(participant.sourceAddress, port: 0)
        var server = Self.address(0x7F00_0001, port: port)
        let bound = withUnsafePointer(to: &source) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw failAndClose("bind") }
        let connected = withUnsafePointer(to: &server) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 || errno == EINPROGRESS else { throw failAndClose("connect") }
        connecting = connected != 0
        watchingWritable = connecting
        var event = epollEvent(writable: connecting)
        guard epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, &event) == 0 else { throw failAndClose("epoll_ctl") }
    }

    /// A connection in progress became writable: whether it succeeded.
    func finishConnecting() throws(ConnectionFailure) {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
        guard error == 0 else { throw .system("connect", error) }
        connecting = false
    }

    /// Queues a request and writes what the socket takes now.
    func send(_ request: [UInt8], epoll: Int32) throws(ConnectionFailure) {
        output = request
        written = 0
        if !connecting { try flush(epoll: epoll) }
    }

    /// Writes pending bytes; watches for writability only while some remain.
    func flush(epoll: Int32) throws(ConnectionFailure) {
        while written < output.count {
            let count = output.withUnsafeBytes { bytes in
                write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            }
            if count < 0 {
                if errno == EAGAIN { break }
                throw .system("write", errno)
            }
            written += count
        }
        let wantsWritable = written < output.count
        if wantsWritable != watchingWritable {
            var event = epollEvent(writable: wantsWritable)
            epoll_ctl(epoll, EPOLL_CTL_MOD, descriptor, &event)
            watchingWritable = wantsWritable
        }
    }

    /// Reads what has arrived into the reader; false when the server closed the connection.
    func receive(into scratch: UnsafeMutableRawBufferPointer) throws(ConnectionFailure) -> Bool {
        while true {
            let count = read(descriptor, scratch.baseAddress, scratch.count)
            if count > 0 {
                reader.append(UnsafeRawBufferPointer(rebasing: scratch[..<count]))
                if count < scratch.count { return true }
            } else if count == 0 {
                return false
            } else if errno == EAGAIN {
                return true
            } else if errno != EINTR {
                throw .system("read", errno)
            }
        }
    }

    /// Closes the socket (closing also removes it from epoll) and forgets unsent and unread bytes.
    func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
        connecting = false
        watchingWritable = false
        output = []
        written = 0
        reader.reset()
    }

    /// Readable always, writable when asked; the data says which connection and which socket.
    private func epollEvent(writable: Bool) -> epoll_event {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | (writable ? EPOLLOUT.rawValue : 0)
        event.data.u64 = UInt64(slot) | UInt64(generation) << 32
        return event
    }

    private func failAndClose(_ call: String) -> ConnectionFailure {
        let failure = ConnectionFailure.system(call, errno)
        close()
        return failure
    }

    private static func address(_ host: UInt32, port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: host.bigEndian)
        return address
    }
}

/// A connection that failed, by the call that failed and its errno.
enum ConnectionFailure: Error, CustomStringConvertible {
    case system(String, Int32)
    case closedByServer
    case protocolError(String)

    var description: String {
        switch self {
        case .system(let call, let code): "\(call): \(String(cString: strerror(code)))"
        case .closedByServer: "closed by the server"
        case .protocolError(let what): what
        }
    }
}
