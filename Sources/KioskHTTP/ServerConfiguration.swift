import HTTPTypes

/// Where the server listens and the limits that keep one client from starving the others.
public struct ServerConfiguration: Sendable {
    /// The address to bind: `127.0.0.1` by default; `0.0.0.0` (all interfaces) only when asked.
    public var host: String = "127.0.0.1"
    /// The TCP port; 0 lets the kernel choose one (tests), read back from ``HTTPServer/port``.
    public var port: UInt16 = 8080
    /// Event-loop threads, each with its own epoll set. One is enough for a lab.
    public var threads: Int = 1
    /// A request body larger than this is answered 413 without being read.
    public var maxBodyBytes: Int = 1 << 20
    /// Memory per connection for the request line and header fields; beyond it, 431.
    public var maxHeaderBytes: Int = 32 * 1024
    /// Open connections in all.
    public var maxConnections: Int = 1024
    /// Open connections from one address: a slow client dripping bytes holds only its own.
    public var maxConnectionsPerAddress: Int = 128
    /// A connection idle this long is closed.
    public var idleTimeoutSeconds: Int = 60
    /// Header fields added to every response that does not set them itself (security headers).
    public var commonHeaderFields: HTTPFields = [:]
    /// When not empty, only clients in these ranges may connect; the rest are refused at accept.
    public var allowedClients: [AddressRange] = []
    /// Serve HTTPS with this certificate (libmicrohttpd's GnuTLS) instead of plain HTTP.
    public var tls: TLSCertificate?

    public init() {}
}

/// A PEM certificate (chain) and its private key, for HTTPS.
public struct TLSCertificate: Sendable {
    public var certificatePEM: String
    public var privateKeyPEM: String

    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }
}
