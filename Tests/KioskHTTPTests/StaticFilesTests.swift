import Foundation
import KioskHTTP
import KioskTestSupport
import Testing

/// `web/` is served and nothing outside it, whatever the path's spelling.
@Suite struct StaticFilesTests {
    let folder: TemporaryDirectory
    let server: RunningServer
    static let secret = "TOP-SECRET-INSTRUMENT"

    init() throws {
        folder = try TemporaryDirectory()
        let fm = FileManager.default
        let web = folder.file("web")
        try fm.createDirectory(atPath: web + "/kiosk", withIntermediateDirectories: true)
        try "<!DOCTYPE html><title>kiosk</title>".write(toFile: web + "/kiosk/index.html", atomically: true, encoding: .utf8)
        try "body{}".write(toFile: web + "/kiosk/page.css", atomically: true, encoding: .utf8)
        try "var a=1;".write(toFile: web + "/kiosk/page.js", atomically: true, encoding: .utf8)
        try Self.secret.write(toFile: folder.file("secret.json"), atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: web + "/kiosk/leak.json", withDestinationPath: folder.file("secret.json"))
        try fm.createSymbolicLink(atPath: web + "/outside", withDestinationPath: folder.path)
        let files = try StaticFiles(root: web)
        server = try RunningServer { router in
            router.fallback { request in try files.respond(to: request) }
        }
    }

    @Test func servesFilesWithTheirMediaTypes() throws {
        let connection = try server.connect()
        let page = try connection.request("GET", "/kiosk/")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.text.contains("<title>kiosk</title>"))
        #expect(try connection.request("GET", "/kiosk/page.css").headers["content-type"] == "text/css; charset=utf-8")
        #expect(try connection.request("GET", "/kiosk/page.js").headers["content-type"] == "text/javascript; charset=utf-8")
        let head = try connection.request("HEAD", "/kiosk/index.html")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
    }

    @Test(arguments: [
        "/../secret.json",
        "/kiosk/../../secret.json",
        "/%2e%2e/secret.json",
        "/%2E%2E/secret.json",
        "/kiosk/%2e%2e/%2e%2e/secret.json",
        "/%2e%2e%2fsecret.json",
        "/..%2fsecret.json",
        "/%252e%252e/secret.json",
        "/%252e%252e%252fsecret.json",
        "/..%5csecret.json",
        "/..\\secret.json",
        "/kiosk/.%2e/.%2e/secret.json",
        "//secret.json",
        "/" + "/tmp/secret.json",
        "/kiosk/leak.json",
        "/outside/secret.json",
        "/kiosk/%00/../../secret.json",
        "/./kiosk/index.html",
    ])
    func refusesEveryEscape(path: String) throws {
        let reply = try server.connect().request("GET", path)
        #expect([400, 404].contains(reply.status), "\(path) answered \(reply.status)")
        #expect(!reply.text.contains(Self.secret), "\(path) leaked a file outside web/")
        #expect(reply.errorCode != nil, "\(path) answered without an error code")
    }

    @Test func missingFileIsNotFoundInBothLanguages() throws {
        let reply = try server.connect().request("GET", "/kiosk/nothing.html")
        #expect(reply.status == 404)
        let error = try #require(reply.json()["error"] as? [String: String])
        #expect(error["code"] == "not_found")
        #expect(error["message"] == "找不到请求的地址")
        #expect(error["messageEn"] == "Nothing is found at this address")
    }
}
