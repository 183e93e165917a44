import ArgumentParser

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the kiosk's version.")

    func run() {
        print("kiosk \(KioskVersion.current)")
    }
}
