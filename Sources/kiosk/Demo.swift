import ArgumentParser
import KioskServer
import Logging

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the built-in demonstration, to try the kiosk in a browser.",
        discussion: """
            Keeps its data in DATA (./kiosk-data by default) and listens on this machine only, unless
            --all-interfaces is given. Stop it with Ctrl-C.
            """)

    @OptionGroup var options: ServerOptions

    func run() throws {
        let logger = KioskLogging.bootstrap()
        let application = try KioskApplication(
            configuration: .init(
                dataDirectory: options.data, webRoot: try options.webRoot(),
                server: options.serverConfiguration()),
            logger: logger)
        try application.start()
        let base = "http://\(options.allInterfaces ? "127.0.0.1" : options.host):\(application.port)"
        Console.show("""

            问卷机演示已启动 / The kiosk demo is running.
              机房检测页 / lab readiness check:  \(base)/check/
              健康检查 / health check:           \(base)/healthz
              数据文件夹 / data folder:          \(options.data)
            按 Ctrl-C 停止 / press Ctrl-C to stop.

            """)
        let signal = TerminationSignals.wait()
        logger.info("stopping", metadata: ["signal": "\(signal)"])
        application.stop()
    }
}
