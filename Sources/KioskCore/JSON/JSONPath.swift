/// Where a value sits in a JSON document, written the way `kiosk check` prints it:
/// `$.sections[0].pages[2].items[3].options[1].code`, or `$.title["zh-CN"]` for a key that is not
/// a plain name.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step down from a value: into an object by key or into an array by position (from 0).
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The steps from the document down to the value.
    public private(set) var components: [Component]

    /// The document itself, `$`.
    public static let root = JSONPath(components: [])

    public init(components: [Component]) {
        self.components = components
    }

    /// The path of the value under `key` in the object at this path.
    public func appending(_ key: String) -> JSONPath {
        JSONPath(components: components + [.key(key)])
    }

    /// The path of the element at `index` in the array at this path.
    public func appending(_ index: Int) -> JSONPath {
        JSONPath(components: components + [.index(index)])
    }

    public var description: String {
        components.reduce(into: "$") { path, component in
            switch component {
            case .key(let key) where key.isPlainName:
                path += ".\(key)"
            case .key(let key):
                path += "[\"\(key.replacingOccurrences(of: "\"", with: "\\\""))\"]"
            case .index(let index):
                path += "[\(index)]"
            }
        }
    }
}

extension String {
    /// Whether the key can follow a `.` in a JSON path: a letter or `_`, then letters, digits, `_`.
    fileprivate var isPlainName: Bool {
        Identifier.variableName.accepts(self)
    }
}
