import Foundation
import HTTPTypes
import KioskCore
import KioskHTTP
import Synchronization

/// Slows down guessing: after too many failed logins for one ID, or from one address, within a
/// window, further attempts are refused until the oldest failure leaves the window.
final class LoginThrottle: Sendable {
    let maxFailuresPerID: Int
    let maxFailuresPerAddress: Int
    let window: TimeInterval
    private let clock: any KioskClock
    private let failures = Mutex<(byID: [String: [Date]], byAddress: [String: [Date]])>(([:], [:]))

    init(clock: any KioskClock, maxFailuresPerID: Int = 5, maxFailuresPerAddress: Int = 30, window: TimeInterval = 15 * 60) {
        self.clock = clock
        self.maxFailuresPerID = maxFailuresPerID
        self.maxFailuresPerAddress = maxFailuresPerAddress
        self.window = window
    }

    /// Seconds to wait before trying again, or nil when a login may be tried now.
    func retryAfter(id: String, address: String) -> Int? {
        let now = clock.now
        return failures.withLock { state in
            let byID = recent(state.byID[id.lowercased()], now)
            let byAddress = recent(state.byAddress[address], now)
            var waits: [TimeInterval] = []
            if byID.count >= maxFailuresPerID, let oldest = byID.first { waits.append(oldest + window - now.timeIntervalSince1970) }
            if byAddress.count >= maxFailuresPerAddress, let oldest = byAddress.first { waits.append(oldest + window - now.timeIntervalSince1970) }
            return waits.max().map { max(1, Int($0.rounded(.up))) }
        }
    }

    func recordFailure(id: String, address: String) {
        let now = clock.now
        failures.withLock { state in
            state.byID[id.lowercased(), default: []].append(now)
            state.byAddress[address, default: []].append(now)
        }
    }

    /// A correct login forgets that ID's failures.
    func recordSuccess(id: String) {
        _ = failures.withLock { $0.byID.removeValue(forKey: id.lowercased()) }
    }

    /// The failures still inside the window, as seconds since 1970, oldest first.
    private func recent(_ failures: [Date]?, _ now: Date) -> [TimeInterval] {
        (failures ?? []).map(\.timeIntervalSince1970).filter { $0 > now.timeIntervalSince1970 - window }
    }

    /// The refusal while throttled.
    static func tooManyAttempts(retryAfter seconds: Int) -> APIError {
        var fields = HTTPFields()
        fields[.retryAfter] = "\(seconds)"
        return APIError(
            .tooManyRequests, code: "too_many_attempts",
            message: "尝试次数过多，请 \(seconds) 秒后再试，或请监测员帮助",
            messageEn: "Too many attempts: try again in \(seconds) seconds, or ask the proctor", headerFields: fields)
    }
}
