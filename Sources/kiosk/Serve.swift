import ArgumentParser
import KioskServer
import Logging

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the kiosk for the day from a data folder.",
        discussion: """
            Listens for the lab's browsers and stores answers in DATA/kiosk.sqlite. Stop it with
            Ctrl-C or `systemctl stop`: it finishes the saves in flight, writes everything into the
            database file and exits 0.
            """)

    @OptionGroup var options: ServerOptions

    func run() throws {
        let logger = KioskLogging.bootstrap()
        let application = try KioskApplication(
            configuration: .init(
                dataDirectory: options.data, webRoot: try options.webRoot(),
                server: try options.serverConfiguration()),
            logger: logger)
        try application.start()
        Console.show("问卷机已启动 / kiosk is serving at \(options.scheme)://\(application.configuration.server.host):\(application.port)/")
        let signal = TerminationSignals.wait()
        logger.info("stopping", metadata: ["signal": "\(signal)"])
        application.stop()
    }
}
