import Crypto
import Foundation

/// A file being written: bytes are buffered, counted and hashed as they pass, so the manifest's
/// SHA-256 needs no second read.
final class FileSink {
    let url: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var hasher = SHA256()
    private(set) var byteCount = 0
    private static let flushSize = 1 << 16

    init(url: URL) throws {
        self.url = url
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 0)
        buffer.reserveCapacity(Self.flushSize)
    }

    func write<Bytes: Sequence>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushSize { try flush() }
    }

    func write(_ text: String) throws {
        try write(text.utf8)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        hasher.update(data: buffer)
        byteCount += buffer.count
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, syncs and closes the file; returns its SHA-256 in hex.
    func finish() throws -> String {
        try flush()
        try handle.synchronize()
        try handle.close()
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
