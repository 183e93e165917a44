import Foundation
import KioskHTTP
import KioskTestSupport
import Testing

/// HTTPS through libmicrohttpd's GnuTLS, and the allow-list of lab addresses.
@Suite struct TransportSecurityTests {
    /// A self-signed certificate for 127.0.0.1, made by `openssl` for this test.
    static func certificate(in folder: TemporaryDirectory) throws -> TLSCertificate {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", folder.file("key.pem"), "-out", folder.file("cert.pem"),
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return TLSCertificate(
            certificatePEM: try String(contentsOfFile: folder.file("cert.pem"), encoding: .utf8),
            privateKeyPEM: try String(contentsOfFile: folder.file("key.pem"), encoding: .utf8))
    }

    /// `curl` against the server; its exit status and body.
    static func curl(_ arguments: [String]) throws -> (status: Int32, body: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "--max-time", "5"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func httpsServesWithTheGivenCertificateAndRefusesPlainHTTP() throws {
        let folder = try TemporaryDirectory()
        let certificate = try Self.certificate(in: folder)
        let running = try RunningServer({ $0.tls = certificate }) { router in
            router.get("/hello") { _ in .text("你好") }
        }
        let secure = try Self.curl(["--cacert", folder.file("cert.pem"), "https://127.0.0.1:\(running.port)/hello"])
        #expect(secure.status == 0 && secure.body == "你好")
        let plain = try Self.curl(["http://127.0.0.1:\(running.port)/hello"])
        #expect(plain.body != "你好", "plain HTTP was answered on the HTTPS port")
    }

    @Test func aBadCertificateStopsTheStartWithAClearError() throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.tls = TLSCertificate(certificatePEM: "not a certificate", privateKeyPEM: "not a key")
        let server = HTTPServer(configuration: configuration, router: Router(), logger: .init(label: "test"))
        #expect(throws: HTTPServerError.self) { try server.start() }
    }

    @Test func onlyAllowedAddressesMayConnect() throws {
        let outside = try RunningServer({ $0.allowedClients = [AddressRange("10.20.0.0/16")!] }) { router in
            router.get("/hello") { _ in .text("hi") }
        }
        #expect(throws: (any Error).self) { try outside.connect(timeout: 2).request("GET", "/hello") }
        let inside = try RunningServer({ $0.allowedClients = [AddressRange("10.20.0.0/16")!, AddressRange("127.0.0.0/8")!] }) { router in
            router.get("/hello") { _ in .text("hi") }
        }
        #expect(try inside.connect().request("GET", "/hello").text == "hi")
    }

    @Test func addressRangesMatchByTheirPrefix() {
        let lab = AddressRange("192.168.10.0/25")!
        #expect(lab.contains("192.168.10.1") && lab.contains("192.168.10.127"))
        #expect(!lab.contains("192.168.10.128") && !lab.contains("192.168.11.1") && !lab.contains("nonsense"))
        #expect(lab.contains("::ffff:192.168.10.5"), "an IPv4-mapped IPv6 address")
        #expect(AddressRange("fd00::/8")!.contains("fd12::3") && !AddressRange("fd00::/8")!.contains("fe80::1"))
        #expect(AddressRange("10.0.0.7")!.contains("10.0.0.7") && !AddressRange("10.0.0.7")!.contains("10.0.0.8"))
        #expect(AddressRange("10.0.0.0/33") == nil && AddressRange("lab") == nil && AddressRange("10.0.0.0/x") == nil)
    }
}
