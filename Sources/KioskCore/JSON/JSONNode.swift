/// A value of a JSON document with its path, read with every problem reported to a log.
///
/// Reading never stops at a problem: each typed read reports it and returns `nil`, and the model
/// readers (`init?(reading:)`) go on reading the rest before they give up, so `kiosk check` can
/// show every problem of a file at once.
struct JSONNode {
    /// The value, or `nil` when its key is absent from the object above it.
    let value: JSONValue?
    let path: JSONPath
    /// Where problems go; `nil` reads silently.
    let log: DiagnosticLog?

    init(_ value: JSONValue?, path: JSONPath = .root, log: DiagnosticLog?) {
        self.value = value
        self.path = path
        self.log = log
    }

    /// The value under `key`, absent when this value is not an object or lacks the key.
    subscript(key: String) -> JSONNode {
        guard case .object(let fields)? = value else { return JSONNode(nil, path: path.appending(key), log: log) }
        return JSONNode(fields[key], path: path.appending(key), log: log)
    }

    /// The element at `index`, absent when this value is not an array or is shorter.
    func element(_ index: Int) -> JSONNode {
        guard case .array(let elements)? = value, elements.indices.contains(index) else {
            return JSONNode(nil, path: path.appending(index), log: log)
        }
        return JSONNode(elements[index], path: path.appending(index), log: log)
    }

    /// Whether the field is left out: its key is absent or its value is `null`.
    var isAbsent: Bool {
        value == nil || value == .null
    }

    /// The field's key, for messages about it.
    var key: String {
        switch path.components.last {
        case .key(let key)?: key
        case .index(let index)?: "[\(index)]"
        case nil: "$"
        }
    }

    /// The same value read without reporting anything, to learn what can be learnt from a value
    /// whose problems are reported elsewhere.
    var silenced: JSONNode {
        JSONNode(value, path: path, log: nil)
    }

    func report(_ problem: Problem) {
        log?.report(problem, at: path)
    }

    /// Reads an optional field: `nil`, and no problem, when it is absent or `null`.
    func ifPresent<Value>(_ read: (JSONNode) -> Value?) -> Value? {
        isAbsent ? nil : read(self)
    }

    // MARK: Objects

    /// The object's fields, or `nil` after reporting a missing field or a value of another type.
    @discardableResult
    func object() -> [String: JSONValue]? {
        guard case .object(let fields) = expect(.object) else { return nil }
        return fields
    }

    /// The object's fields, after reporting those outside `known` as unknown; see
    /// ``reportUnrecognizedFields(known:inapplicable:context:)``.
    @discardableResult
    func object(known: Set<String>) -> [String: JSONValue]? {
        let fields = object()
        reportUnrecognizedFields(known: known)
        return fields
    }

    /// Reports each field outside `known`: as ignored when it is in `inapplicable` (a field the
    /// format has, but not for this `context`), as unknown otherwise. Neither stops the reading.
    func reportUnrecognizedFields(known: Set<String>, inapplicable: Set<String> = [], context: BilingualText? = nil) {
        guard case .object(let fields)? = value else { return }
        for field in fields.keys.sorted() where !known.contains(field) {
            if let context, inapplicable.contains(field) {
                self[field].report(.fieldNotApplicable(field, context: context))
            } else {
                self[field].report(.unknownField(field, known: known))
            }
        }
    }

    // MARK: Scalars

    /// A text that says something: an empty or blank text is reported.
    func string() -> String? {
        guard case .string(let text) = expect(.string) else { return nil }
        guard !text.allSatisfy(\.isWhitespace) else {
            report(.emptyValue(key))
            return nil
        }
        return text
    }

    /// A text spelled the way `rule` allows.
    func identifier(_ rule: Identifier) -> String? {
        guard let text = string() else { return nil }
        guard rule.accepts(text) else {
            report(.invalidIdentifier(text, rule: rule))
            return nil
        }
        return text
    }

    /// A whole number (`3` or `3.0`).
    func integer() -> Int? {
        guard case .integer(let number) = expect(.integer) else { return nil }
        return number
    }

    /// Any number.
    func number() -> Double? {
        switch expect(.number) {
        case .integer(let number)?: Double(number)
        case .number(let number)?: number
        default: nil
        }
    }

    func bool() -> Bool? {
        guard case .bool(let flag) = expect(.boolean) else { return nil }
        return flag
    }

    // MARK: Arrays

    /// The array's elements, each with its path; an empty array is reported when `allowsEmpty` is false.
    func array(allowsEmpty: Bool = false) -> [JSONNode]? {
        guard case .array(let elements) = expect(.array) else { return nil }
        if elements.isEmpty && !allowsEmpty {
            report(.emptyList(key))
        }
        return elements.enumerated().map { index, element in
            JSONNode(element, path: path.appending(index), log: log)
        }
    }

    // MARK: Types

    /// The kinds of JSON value a field can require.
    enum Kind {
        case object, array, string, integer, number, boolean

        func matches(_ value: JSONValue) -> Bool {
            switch (self, value) {
            case (.object, .object), (.array, .array), (.string, .string), (.integer, .integer),
                (.number, .integer), (.number, .number), (.boolean, .bool):
                true
            default:
                false
            }
        }
    }

    /// The value when it is of `kind`; otherwise reports it missing or of the wrong type.
    private func expect(_ kind: Kind) -> JSONValue? {
        guard let value else {
            report(.missingField(key, kind: kind))
            return nil
        }
        guard kind.matches(value) else {
            report(.wrongType(key, expected: kind, found: value))
            return nil
        }
        return value
    }
}
