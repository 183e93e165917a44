#if canImport(Glibc)
import Glibc
#endif

/// A range of client addresses, written as CIDR (`10.20.0.0/16`, `192.168.1.23`, `fd00::/8`): the
/// lab's machines, which alone may connect when an allow-list is set.
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    /// The network's address bytes (4 or 16) and how many leading bits must match.
    private let bytes: [UInt8]
    private let prefixLength: Int
    public let description: String

    /// Reads `ADDRESS` or `ADDRESS/BITS`; nil when it is neither.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let bytes = Self.bytes(ofNumeric: parts[0]) else { return nil }
        let bits = bytes.count * 8
        let prefixLength = parts.count == 2 ? Int(parts[1]) : bits
        guard let prefixLength, (0...bits).contains(prefixLength) else { return nil }
        self.bytes = bytes
        self.prefixLength = prefixLength
        description = text
    }

    /// Whether the numeric address (`10.20.3.4`, `::1`) lies in the range. An IPv4 address given as
    /// IPv6 (`::ffff:10.20.3.4`) is matched as IPv4.
    public func contains(_ address: String) -> Bool {
        guard var candidate = Self.bytes(ofNumeric: address) else { return false }
        if candidate.count == 16, bytes.count == 4, candidate.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] {
            candidate = Array(candidate.suffix(4))
        }
        guard candidate.count == bytes.count else { return false }
        var remaining = prefixLength
        for index in bytes.indices where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if candidate[index] & mask != bytes[index] & mask { return false }
            remaining -= 8
        }
        return true
    }

    private static func bytes(ofNumeric text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
