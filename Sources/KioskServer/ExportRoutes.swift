import Foundation
import HTTPTypes
import KioskCore
import KioskExport
import KioskHTTP
import KioskStorage

/// The export over HTTP, for collection scripts (an export token as `Authorization: Bearer`) and
/// the information officer's console login. Each request exports from one snapshot, one export at a
/// time, off the event loop.
struct ExportRoutes {
    let services: Services
    let authentication: StaffAuthentication
    let catalog: InstrumentCatalog

    private static let queue = DispatchQueue(label: "kiosk-export", qos: .utility)

    func register(in router: inout Router) {
        router.add(.get, "/api/v1/export/manifest", waiting: manifest)
        router.add(.get, "/api/v1/export/files/:name", waiting: file)
    }

    /// Who exports: an export token's name, or an officer's account name.
    private func exporter(of request: Request) throws -> String {
        if let token = LoginToken.from(request, cookie: StaffAuthentication.cookieName) {
            let hash = LoginToken.hash(token)
            if let name = try services.database.pool.read({ db in try ExportTokens.name(forHash: hash, db) }) {
                return "export-token:" + name
            }
        }
        do {
            return try authentication.login(of: request, atLeast: .officer).account.name
        } catch let error as APIError where error.code == StaffAuthentication.notLoggedIn.code {
            throw Self.notAuthorized
        }
    }

    private func options(of request: Request) throws -> ExportOptions {
        var options = ExportOptions(sessionID: request.query["session"], byteOrderMark: request.query["bom"] == "1")
        // Sealed instruments a proctor has unsealed since the server started, from memory.
        options.unsealedInstruments = catalog.unsealedInstruments
        if let since = request.query["since"] {
            guard let cursor = Int64(since), cursor >= 0 else {
                throw APIError(.badRequest, code: "invalid_cursor", message: "since 须为非负整数", messageEn: "since is a whole number, 0 or more")
            }
            options.eventsSince = cursor
        }
        if let codes = request.query["missingCodes"] {
            do {
                options.missingCodes = try MissingCodes(parsing: codes)
            } catch {
                throw APIError(.badRequest, code: "invalid_missing_codes", message: error.description, messageEn: error.description)
            }
        }
        return options
    }

    private func manifest(_ request: Request, _ reply: Reply) throws {
        try run(request, reply) { _, manifest in
            var response = try Response.json(manifest)
            response.headerFields[HTTPField.Name("X-Export-Next-Cursor")!] = String(manifest.events.next)
            return response
        }
    }

    private func file(_ request: Request, _ reply: Reply) throws {
        let name = request.parameter("name") ?? ""
        // Only the file's own group is written (and of the wide files, only its format).
        guard let part = ExportPart(writing: name) else { throw Self.fileNotFound(name) }
        try run(request, reply, narrowedTo: { options in
            options.parts = [part]
            if let format = ExportOptions.WideFormat(fileName: name), part == .responses { options.wideFormats = [format] }
        }) { folder, manifest in
            guard manifest.files.contains(where: { $0.name == name }) else { throw Self.fileNotFound(name) }
            var fields = HTTPFields()
            fields[.contentType] = Self.contentType(of: name)
            fields[.contentDisposition] = "attachment; filename=\"\(name)\""
            if part == .events { fields[HTTPField.Name("X-Export-Next-Cursor")!] = String(manifest.events.next) }
            guard let body = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                throw APIError.internalError
            }
            return Response(status: .ok, headerFields: fields, body: Array(body))
        }
    }

    /// Exports into a fresh temporary folder and answers with `respond`'s response; the folder goes.
    private func run(
        _ request: Request, _ reply: Reply, narrowedTo narrow: (inout ExportOptions) -> Void = { _ in },
        respond: @escaping @Sendable (URL, ExportManifest) throws -> Response
    ) throws {
        let actor = try exporter(of: request)
        var narrowed = try options(of: request)
        narrow(&narrowed)
        let options = narrowed
        let services = services
        Self.queue.async {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-export-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            do {
                let now = services.clock.now
                let manifest = try Exporter(database: services.database, now: now).export(to: folder, options: options)
                try services.database.pool.write { db in
                    try AuditEntry.record(
                        at: now, actor: actor, action: "export.http", subject: request.path,
                        detail: ["session": options.sessionID ?? "", "since": String(options.eventsSince)], db)
                }
                reply(try respond(folder, manifest))
            } catch let error as APIError {
                reply(error)
            } catch ExportError.sealed(let ids) {
                let error = ExportError.sealed(ids)
                reply(APIError(
                    .conflict, code: "export_needs_key",
                    message: "问卷 \(ids.joined(separator: ", ")) 已加密：请监测员在控制台输入当日密钥后再导出，或在服务器上用 kiosk export --key",
                    messageEn: error.description.components(separatedBy: " / ").last ?? error.description))
            } catch let error as ExportError {
                reply(APIError(.notFound, code: "session_not_found", message: error.description, messageEn: error.description))
            } catch {
                reply(StorageFailure.apiError(for: error, logger: services.logger))
            }
        }
    }

    static func contentType(of name: String) -> String {
        switch (name as NSString).pathExtension {
        case "csv": "text/csv; charset=utf-8"
        case "ndjson": "application/x-ndjson; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    static func fileNotFound(_ name: String) -> APIError {
        APIError(.notFound, code: "export_file_not_found", message: "导出中没有文件 \(name)", messageEn: "The export has no file \(name)")
    }

    static let notAuthorized = APIError(
        .unauthorized, code: "export_not_authorized",
        message: "需要导出令牌或信息员账号", messageEn: "An export token or an officer's login is needed")
}
