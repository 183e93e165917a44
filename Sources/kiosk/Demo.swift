import ArgumentParser
import Foundation
import KioskServer
import KioskStorage
import Logging

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the built-in demonstration, to try the kiosk in a browser.",
        discussion: """
            Writes the built-in Chinese demo bundle (a nine-year school's grade 4 and grade 8 questionnaires,
            teacher and principal questionnaires, 69 participants) into DATA/demo-bundle with its timetable
            moved to today and one grade-4 session open now, loads it, gives everyone an access code
            (DATA/login-slips.html), and serves. Listens on this machine only, unless --all-interfaces is
            given. Stop it with Ctrl-C.
            """)

    @OptionGroup var options: ServerOptions

    func run() throws {
        let logger = KioskLogging.bootstrap()
        let now = Date()
        let bundleFolder = URL(fileURLWithPath: options.data).appendingPathComponent("demo-bundle")
        if try !DemoData.isStillOpen(in: options.data, at: now) {
            if let archive = try DemoData.archivePrevious(in: options.data, at: now) {
                Console.show("上次演示的数据已移至 / the previous demo's data was moved to \(archive)")
            }
            try DemoBundle.write(to: bundleFolder, now: now)
        }
        let loaded = try BundleLoading.install(bundleAt: bundleFolder.path, dataDirectory: options.data, now: now)
        let slipsExist = FileManager.default.fileExists(atPath: options.data + "/" + LoginSlipFiles.csvName)
        let written = try LoginSlipFiles.issue(dataDirectory: options.data, outputDirectory: options.data, all: !slipsExist)
        let student = loaded.bundle.roster.entries.first { $0.role == .student && $0.grade == 4 }
        let sample = try student.flatMap { try LoginSlipFiles.printedCode(of: $0.id, in: options.data) }
        let proctorPassword = try Self.resetDemoProctor(dataDirectory: options.data)

        let application = try KioskApplication(
            configuration: .init(
                dataDirectory: options.data, webRoot: try options.webRoot(),
                server: try options.serverConfiguration()),
            logger: logger)
        try application.start()
        let base = "\(options.scheme)://\(options.allInterfaces ? "127.0.0.1" : options.host):\(application.port)"
        Console.show("""

            问卷机演示已启动 / The kiosk demo is running.
              \(loaded.summaryLine)
              学生作答 / answer:      \(base)/kiosk/
                示例登录 / sample login: 编号 ID \(student?.id ?? "-")  访问码 code \(sample ?? "-")（\(student?.name ?? "")）
                演示场次 / open now:   \(DemoTimetable.openNowSessionID)（四年级学生问卷（一）/ grade 4 student questionnaire 1）
              监测员控制台 / console: \(base)/proctor/
                账号 name \(Self.demoProctorName)  密码 password \(proctorPassword)（每次启动演示都会更换 / new each time the demo starts）
              登录条 / login slips:  \(written.htmlPath)
              机房检测页 / lab check: \(base)/check/
              健康检查 / health:      \(base)/healthz
            按 Ctrl-C 停止 / press Ctrl-C to stop.

            """)
        let signal = TerminationSignals.wait()
        logger.info("stopping", metadata: ["signal": "\(signal)"])
        application.stop()
    }

    static let demoProctorName = "proctor"

    /// Gives the demo's proctor account a new random password (creating the account the first
    /// time) and returns it: only its hash is stored, so each start prints a fresh one.
    private static func resetDemoProctor(dataDirectory: String) throws -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        let password = String((0..<12).map { _ in alphabet.randomElement()! })
        let directory = StaffDirectory(database: try KioskDatabase(path: dataDirectory + "/kiosk.sqlite"))
        defer { try? directory.database.close() }
        if try directory.accounts().contains(where: { $0.name == demoProctorName }) {
            try directory.setPassword(name: demoProctorName, password: password, actor: OperatorName.current)
        } else {
            try directory.add(name: demoProctorName, role: .proctor, password: password, actor: OperatorName.current)
        }
        return password
    }
}
