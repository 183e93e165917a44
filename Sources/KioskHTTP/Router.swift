import HTTPTypes

/// Maps a method and a path to a handler.
///
/// Paths are literal segments and `:name` parameters:
///
/// ```swift
/// router.get("/healthz") { _ in .text("ok") }
/// router.put("/api/v1/attempt/answers", waiting: saveAnswers)
/// router.get("/api/v1/sessions/:id") { request in ... request.parameter("id") ... }
/// ```
///
/// A handler either returns its response, or takes a ``Reply`` and answers when its work is done
/// (`waiting:`): the connection is then suspended and the event loop goes on serving others.
/// A handler that throws an ``APIError`` answers with it; any other error is a 500, logged.
public struct Router: Sendable {
    /// A handler that answers through its ``Reply``, now or later.
    public typealias WaitingHandler = @Sendable (Request, Reply) throws -> Void
    /// A handler that answers at once.
    public typealias Handler = @Sendable (Request) throws -> Response

    private struct Route: Sendable {
        var method: HTTPRequest.Method
        var segments: [Segment]
        var handler: WaitingHandler
    }

    private enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    private var routes: [Route] = []
    /// For each path without parameters, written as registered, the route each method reaches
    /// first: most requests name one exactly and find it without splitting their path or trying
    /// every route in turn.
    private var exactRoutes: [String: [HTTPRequest.Method: Int]] = [:]
    private var fallback: Handler?

    public init() {}

    public mutating func add(_ method: HTTPRequest.Method, _ path: String, waiting handler: @escaping WaitingHandler) {
        let segments = Router.split(path).map { part in
            part.hasPrefix(":") ? Segment.parameter(String(part.dropFirst())) : .literal(String(part))
        }
        let literals = segments.compactMap { segment in if case .literal(let literal) = segment { literal } else { nil } }
        let reachedFirst = !routes.contains { $0.method == method && Router.match($0.segments, literals.map { Substring($0) }) != nil }
        if literals.count == segments.count, reachedFirst {
            exactRoutes["/" + literals.joined(separator: "/"), default: [:]][method] = routes.count
        }
        routes.append(Route(method: method, segments: segments, handler: handler))
    }

    public mutating func add(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        add(method, path, waiting: { request, reply in reply(try handler(request)) })
    }

    public mutating func get(_ path: String, _ handler: @escaping Handler) { add(.get, path, handler) }
    public mutating func post(_ path: String, _ handler: @escaping Handler) { add(.post, path, handler) }
    public mutating func put(_ path: String, _ handler: @escaping Handler) { add(.put, path, handler) }
    public mutating func delete(_ path: String, _ handler: @escaping Handler) { add(.delete, path, handler) }
    public mutating func post(_ path: String, waiting handler: @escaping WaitingHandler) { add(.post, path, waiting: handler) }
    public mutating func put(_ path: String, waiting handler: @escaping WaitingHandler) { add(.put, path, waiting: handler) }
    public mutating func delete(_ path: String, waiting handler: @escaping WaitingHandler) { add(.delete, path, waiting: handler) }

    /// What answers `GET` and `HEAD` requests that no route matches, such as ``StaticFiles``.
    public mutating func fallback(_ handler: @escaping Handler) {
        fallback = handler
    }

    /// Finds the handler for a request and runs it; a throw becomes the error's response.
    func dispatch(_ request: Request, reply: Reply) throws {
        let method = request.method == .head ? .get : request.method
        if let index = exactRoutes[request.path]?[method] {
            try routes[index].handler(request, reply)
            return
        }
        let segments = Router.split(request.path)
        var allowed: [HTTPRequest.Method] = []
        for route in routes {
            guard let parameters = Router.match(route.segments, segments) else { continue }
            guard route.method == method else {
                allowed.append(route.method)
                continue
            }
            var request = request
            request.pathParameters = parameters
            try route.handler(request, reply)
            return
        }
        if !allowed.isEmpty {
            throw APIError.methodNotAllowed(allowed: allowed)
        }
        if let fallback, method == .get {
            reply(try fallback(request))
            return
        }
        throw APIError.notFound
    }

    private static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    private static func match(_ pattern: [Segment], _ segments: [Substring]) -> [String: String]? {
        guard pattern.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (part, segment) in zip(pattern, segments) {
            switch part {
            case .literal(let literal):
                guard literal == segment else { return nil }
            case .parameter(let name):
                parameters[name] = String(segment)
            }
        }
        return parameters
    }
}
