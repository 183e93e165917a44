#if canImport(Glibc)
import Glibc
#endif
import CMicroHTTPD
import Foundation
import HTTPTypes
import Logging
import Synchronization

/// An HTTP/1.1 server over libmicrohttpd: epoll event-loop threads inside libmicrohttpd, a
/// ``Router`` that answers, and connections suspended while a handler waits for slow work.
///
/// ```swift
/// let server = HTTPServer(configuration: configuration, router: router, logger: logger)
/// try server.start()
/// print(server.port)
/// server.stop()
/// ```
public final class HTTPServer: @unchecked Sendable {
    // `@unchecked`: `daemon` is written only by `start` and `stop`, which callers do not run
    // concurrently with each other; every other shared value is under `inFlight`.
    public let configuration: ServerConfiguration
    let router: Router
    let logger: Logger
    private var daemon: OpaquePointer?
    private var boundPort: UInt16 = 0
    /// The certificate and key as C strings, kept for the daemon's lifetime (libmicrohttpd keeps
    /// the pointers, not copies).
    private var tlsStrings: [UnsafeMutablePointer<CChar>] = []
    /// Requests between their first call and their completion, and whether new ones are refused.
    private let inFlight = Mutex(InFlight())

    private struct InFlight {
        var count = 0
        var draining = false
    }

    public init(configuration: ServerConfiguration, router: Router, logger: Logger) {
        self.configuration = configuration
        self.router = router
        self.logger = logger
    }

    /// The port the server listens on (the kernel's choice when the configuration asked for 0).
    public var port: UInt16 { boundPort }

    /// Binds the address and starts libmicrohttpd's event-loop threads.
    public func start() throws {
        precondition(daemon == nil, "HTTPServer.start() called twice")
        var address = try SocketAddress(host: configuration.host, port: configuration.port)
        var flags = MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue
        flags |= MHD_ALLOW_SUSPEND_RESUME.rawValue | MHD_USE_ERROR_LOG.rawValue
        if address.isIPv6 { flags |= MHD_USE_IPv6.rawValue }
        if configuration.tls != nil { flags |= MHD_USE_TLS.rawValue }
        let started: OpaquePointer? = address.withSockaddr { sockaddr in
            var options: [MHD_OptionItem] = [
                // First, so that libmicrohttpd's messages about the other options reach it too.
                .init(option: .EXTERNAL_LOGGER,
                      value: unsafeBitCast(logFromLibrary, to: Int.self),
                      ptr_value: Unmanaged.passUnretained(self).toOpaque()),
                .init(option: .SOCK_ADDR, value: 0, ptr_value: UnsafeMutableRawPointer(mutating: sockaddr)),
                .init(option: .LISTENING_ADDRESS_REUSE, value: 1, ptr_value: nil),
                .init(option: .UNESCAPE_CALLBACK, value: unsafeBitCast(unescapeKeepingLength, to: Int.self), ptr_value: nil),
                .init(option: .CONNECTION_LIMIT, value: configuration.maxConnections, ptr_value: nil),
                .init(option: .PER_IP_CONNECTION_LIMIT, value: configuration.maxConnectionsPerAddress, ptr_value: nil),
                .init(option: .CONNECTION_TIMEOUT, value: configuration.idleTimeoutSeconds, ptr_value: nil),
                .init(option: .CONNECTION_MEMORY_LIMIT, value: configuration.maxHeaderBytes, ptr_value: nil),
                .init(option: .NOTIFY_COMPLETED,
                      value: unsafeBitCast(requestCompleted, to: Int.self),
                      ptr_value: Unmanaged.passUnretained(self).toOpaque()),
            ]
            if configuration.threads > 1 {
                options.append(.init(option: .THREAD_POOL_SIZE, value: configuration.threads, ptr_value: nil))
            }
            if let tls = configuration.tls {
                let certificate = strdup(tls.certificatePEM)!, key = strdup(tls.privateKeyPEM)!
                tlsStrings = [certificate, key]
                options.append(.init(option: .HTTPS_MEM_CERT, value: 0, ptr_value: UnsafeMutableRawPointer(certificate)))
                options.append(.init(option: .HTTPS_MEM_KEY, value: 0, ptr_value: UnsafeMutableRawPointer(key)))
            }
            options.append(.init(option: .END, value: 0, ptr_value: nil))
            return options.withUnsafeMutableBufferPointer { buffer in
                kiosk_mhd_start_daemon(
                    flags, configuration.port,
                    configuration.allowedClients.isEmpty ? nil : acceptPolicy, Unmanaged.passUnretained(self).toOpaque(),
                    accessHandler, Unmanaged.passUnretained(self).toOpaque(), buffer.baseAddress)
            }
        }
        guard let started else {
            freeTLSStrings()
            if configuration.tls != nil { throw HTTPServerError.cannotStartTLS }
            throw HTTPServerError.cannotListen(host: configuration.host, port: configuration.port)
        }
        daemon = started
        boundPort = kiosk_mhd_bound_port(started)
        logger.info("listening", metadata: ["address": "\(configuration.host):\(boundPort)"])
    }

    /// Stops gracefully: refuses new requests, lets those in flight (a commit under way, say)
    /// finish for up to `gracePeriod`, then closes every connection and the listening socket.
    public func stop(gracePeriod: Duration = .seconds(10)) {
        guard let daemon else { return }
        inFlight.withLock { $0.draining = true }
        let deadline = ContinuousClock.now + gracePeriod
        while inFlight.withLock({ $0.count }) > 0, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.005)
        }
        let abandoned = inFlight.withLock { $0.count }
        if abandoned > 0 {
            logger.warning("stopping with requests still in flight", metadata: ["count": "\(abandoned)"])
        }
        MHD_stop_daemon(daemon)
        self.daemon = nil
        freeTLSStrings()
        logger.info("stopped")
    }

    private func freeTLSStrings() {
        tlsStrings.forEach { free($0) }
        tlsStrings = []
    }

    deinit {
        if let daemon { MHD_stop_daemon(daemon) }
        freeTLSStrings()
    }

    /// Whether a client at this numeric address may connect.
    func allows(_ address: String) -> Bool {
        configuration.allowedClients.isEmpty || configuration.allowedClients.contains { $0.contains(address) }
    }

    // MARK: - Called by libmicrohttpd's threads (see Callbacks.swift)

    /// Accounts for a new request; false when the server is stopping and refuses it.
    func admit() -> Bool {
        inFlight.withLock { state in
            guard !state.draining else { return false }
            state.count += 1
            return true
        }
    }

    func release() {
        inFlight.withLock { $0.count -= 1 }
    }

    /// Runs the router for a complete request; every outcome ends in exactly one delivery.
    func dispatch(_ request: Request, to exchange: Exchange) {
        let reply = Reply { exchange.deliver($0) }
        do {
            try router.dispatch(request, reply: reply)
        } catch let error as APIError {
            exchange.deliver(Response(error: error))
        } catch {
            logger.error("handler failed", metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.path)", "error": "\(error)",
            ])
            exchange.deliver(Response(error: .internalError))
        }
    }
}

/// Why the server could not start.
public enum HTTPServerError: Error, CustomStringConvertible {
    case invalidAddress(String)
    case cannotListen(host: String, port: UInt16)
    case cannotStartTLS

    public var description: String {
        switch self {
        case .invalidAddress(let host):
            return "“\(host)” 不是有效的 IP 地址 / is not a valid IP address"
        case .cannotListen(let host, let port):
            return "无法在 \(host):\(port) 上监听（端口被占用或无权限）/ cannot listen on \(host):\(port) (port in use or not permitted)"
        case .cannotStartTLS:
            return "无法启动 HTTPS：证书或私钥无效、不匹配，或端口被占用 / cannot start HTTPS: the certificate or key is invalid or does not match, or the port is taken"
        }
    }
}
