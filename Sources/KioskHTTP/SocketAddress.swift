#if canImport(Glibc)
import Glibc
#endif

/// A numeric IPv4 or IPv6 address and port, as the listening socket needs it.
struct SocketAddress {
    private var storage = sockaddr_storage()
    private(set) var isIPv6 = false

    init(host: String, port: UInt16) throws {
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            withUnsafeBytes(of: &v4) { bytes in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) }
            }
            return
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            withUnsafeBytes(of: &v6) { bytes in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) }
            }
            isIPv6 = true
            return
        }
        throw HTTPServerError.invalidAddress(host)
    }

    mutating func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>) -> Result) -> Result {
        withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1, body)
        }
    }

    /// The numeric text of a peer's address (`192.168.1.23`, `::1`), or empty when unknown.
    static func text(of address: UnsafePointer<sockaddr>?) -> String {
        guard let address else { return "" }
        let family = Int32(address.pointee.sa_family)
        // Called for every request: the text is written on the stack, not into an array.
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(INET6_ADDRSTRLEN)) { buffer in
            let written: UnsafePointer<CChar>?
            switch family {
            case AF_INET:
                written = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                    withUnsafePointer(to: v4.pointee.sin_addr) { inet_ntop(AF_INET, $0, buffer.baseAddress, socklen_t(buffer.count)) }
                }
            case AF_INET6:
                written = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                    withUnsafePointer(to: v6.pointee.sin6_addr) { inet_ntop(AF_INET6, $0, buffer.baseAddress, socklen_t(buffer.count)) }
                }
            default:
                written = nil
            }
            return written.map { String(cString: $0) } ?? ""
        }
    }
}
