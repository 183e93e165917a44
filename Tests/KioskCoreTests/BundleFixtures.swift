import Foundation

/// The files under `Tests/Fixtures/`, found from this source file's path.
enum BundleFixtures {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures")

    /// A test bundle folder: `clean`, `broken` or `incomplete`.
    static func bundle(_ name: String) -> URL {
        root.appending(path: "bundles").appending(path: name)
    }

    /// The demo bundle the executable embeds, when it is there.
    static let demoBundle = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Sources/kiosk/DemoBundle")

    /// The `.json` files directly in `folder`, by name; none when the folder is absent.
    static func jsonFiles(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appending(path: $0) }
    }

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: root.appending(path: relativePath))
    }
}
