#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HTTPTypes

/// Serves the files of one folder (`web/`) and nothing outside it.
///
/// The path arrives percent-decoded once by libmicrohttpd. A path is refused before any file is
/// touched when a segment is `.` or `..`, empty, or holds a backslash or a control character; what remains is
/// resolved with `realpath` (so symbolic links are followed) and served only when the result is a
/// regular file inside the folder. A folder serves its `index.html`.
public struct StaticFiles: Sendable {
    public let root: String

    /// - Parameter root: the folder to serve; resolved to its real path once, here.
    public init(root: String) throws {
        guard let resolved = StaticFiles.realPath(root) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: root])
        }
        self.root = resolved
    }

    /// The response for a `GET` or `HEAD` of `path`.
    public func respond(to request: Request) throws(APIError) -> Response {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let isTrailingSlash = segment.isEmpty && index == segments.count - 1
            if isTrailingSlash { continue }
            if segment.isEmpty || segment == "." || segment == ".." || segment.contains("\\")
                || segment.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw .badPath
            }
        }
        guard var file = StaticFiles.realPath(root + "/" + segments.joined(separator: "/")),
              contains(file) else {
            throw .notFound
        }
        if StaticFiles.isDirectory(file) {
            guard let index = StaticFiles.realPath(file + "/index.html"), contains(index) else {
                throw .notFound
            }
            file = index
        }
        guard StaticFiles.isRegularFile(file), let bytes = FileManager.default.contents(atPath: file) else {
            throw .notFound
        }
        var fields = HTTPFields()
        fields[.contentType] = MediaType.forFile(file)
        fields[.cacheControl] = "no-cache"
        return Response(status: .ok, headerFields: fields, body: Array(bytes))
    }

    private func contains(_ path: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}

/// The `Content-Type` of the file kinds `web/` holds.
enum MediaType {
    static func forFile(_ path: String) -> String {
        let name = path.lowercased()
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        switch name[name.index(after: dot)...] {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "ico": return "image/x-icon"
        case "woff": return "font/woff"
        case "woff2": return "font/woff2"
        case "ttf": return "font/ttf"
        default: return "application/octet-stream"
        }
    }
}
