import ArgumentParser
import Foundation
import KioskHTTP

/// The options every command that serves shares: where to listen and where the data lives.
struct ServerOptions: ParsableArguments {
    @Option(help: "The folder for the database and generated files (created if missing).")
    var data: String = "./kiosk-data"

    @Option(help: "The TCP port to listen on.")
    var port: UInt16 = 8080

    @Option(help: ArgumentHelp(
        "The IP address to listen on. The default answers only this machine.",
        discussion: "Use --all-interfaces to let the lab's computers connect."))
    var host: String = "127.0.0.1"

    @Flag(help: "Listen on every network interface (0.0.0.0), so the lab's browsers can connect.")
    var allInterfaces = false

    @Option(help: "The folder of web pages to serve (default: the web/ folder beside the program's source).")
    var web: String?

    @Option(help: "Event-loop threads (default: one per processor core).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("allow"), help: ArgumentHelp(
        "Only clients in this address range may connect (CIDR such as 10.20.0.0/24); repeat for more.",
        discussion: "Without --allow every address may connect. 127.0.0.1 is not added by itself."))
    var allowedClients: [String] = []

    @Option(help: "Serve HTTPS with this PEM certificate (chain); needs --tls-key.")
    var tlsCert: String?

    @Option(help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    func serverConfiguration() throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.host = allInterfaces ? "0.0.0.0" : host
        configuration.port = port
        configuration.threads = max(1, threads)
        configuration.allowedClients = try allowedClients.map { text in
            guard let range = AddressRange(text) else {
                throw ValidationError("“\(text)” 不是地址或地址段（如 10.20.0.0/24）/ is not an address or CIDR range (such as 10.20.0.0/24)")
            }
            return range
        }
        switch (tlsCert, tlsKey) {
        case (nil, nil): break
        case let (certificate?, key?):
            guard let certificatePEM = try? String(contentsOfFile: certificate, encoding: .utf8),
                  let keyPEM = try? String(contentsOfFile: key, encoding: .utf8) else {
                throw ValidationError("无法读取证书或私钥文件 / cannot read the certificate or key file")
            }
            configuration.tls = TLSCertificate(certificatePEM: certificatePEM, privateKeyPEM: keyPEM)
        default:
            throw ValidationError("--tls-cert 与 --tls-key 须同时给出 / give both --tls-cert and --tls-key")
        }
        return configuration
    }

    /// `http` or `https`, for the addresses the banner prints.
    var scheme: String { tlsCert == nil ? "http" : "https" }

    /// The web folder: as given, else `$KIOSK_WEB`, else the `web/` folder of the checkout the
    /// program was built in, else `./web`.
    func webRoot() throws -> String {
        if let web { return web }
        if let fromEnvironment = ProcessInfo.processInfo.environment["KIOSK_WEB"] { return fromEnvironment }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("web")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("check/index.html").path) {
                return candidate.path
            }
            folder.deleteLastPathComponent()
        }
        if FileManager.default.fileExists(atPath: "web") { return "web" }
        throw ValidationError("找不到 web 文件夹，请用 --web 指定 / cannot find the web folder: give it with --web")
    }
}
