/// The kiosk's version, printed by `kiosk version` and `kiosk --version`.
enum KioskVersion {
    static let current = "0.1.0"
}
