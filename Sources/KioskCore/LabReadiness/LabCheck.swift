/// What a lab machine's browser measured on the readiness page before the day, and whether the
/// machine is fit to serve a questionnaire.
public struct LabCheck: Codable, Sendable, Equatable {
    /// The label the proctor gave the machine (`A-07`), or the browser's own guess.
    public var machine: String
    public var userAgent: String
    public var screenWidth: Int
    public var screenHeight: Int
    /// Browser clock minus server clock, in milliseconds. Informative only: the server's clock
    /// decides every deadline.
    public var clockOffsetMs: Int
    public var roundTripMs: Int
    /// Whether the browser could write and read back its local storage (the offline answer queue
    /// lives there).
    public var storageWorks: Bool
    /// Whether the browser ran the page's script features (the floor is Chromium 69).
    public var scriptFeaturesWork: Bool

    public init(
        machine: String, userAgent: String, screenWidth: Int, screenHeight: Int,
        clockOffsetMs: Int, roundTripMs: Int, storageWorks: Bool, scriptFeaturesWork: Bool
    ) {
        self.machine = machine
        self.userAgent = userAgent
        self.screenWidth = screenWidth
        self.screenHeight = screenHeight
        self.clockOffsetMs = clockOffsetMs
        self.roundTripMs = roundTripMs
        self.storageWorks = storageWorks
        self.scriptFeaturesWork = scriptFeaturesWork
    }

    /// The smallest screen the pages are laid out for.
    public static let minimumScreen = (width: 1024, height: 768)
    /// A round trip slower than this makes autosave feel broken.
    public static let slowestRoundTripMs = 1000
    /// A clock further off than this is reported (it decides nothing, but proctors should know).
    public static let largestClockOffsetMs = 5 * 60 * 1000

    /// Problems that make the machine unfit; empty when it passes.
    public var problems: [LabCheckProblem] {
        var problems: [LabCheckProblem] = []
        if screenWidth < Self.minimumScreen.width || screenHeight < Self.minimumScreen.height {
            problems.append(.screenTooSmall)
        }
        if roundTripMs > Self.slowestRoundTripMs { problems.append(.slowNetwork) }
        if !storageWorks { problems.append(.storageUnavailable) }
        if !scriptFeaturesWork { problems.append(.browserTooOld) }
        return problems
    }

    /// Facts worth a proctor's attention that do not fail the machine.
    public var warnings: [LabCheckProblem] {
        abs(clockOffsetMs) > Self.largestClockOffsetMs ? [.clockOff] : []
    }

    public var passed: Bool { problems.isEmpty }

    /// A report whose values are out of any plausible range is refused, not stored.
    public var isPlausible: Bool {
        !machine.isEmpty && machine.count <= 64 && userAgent.count <= 512
            && (0...20_000).contains(screenWidth) && (0...20_000).contains(screenHeight)
            && (0...600_000).contains(roundTripMs) && abs(clockOffsetMs) <= 366 * 24 * 3_600_000
    }
}

/// One reason a lab machine is not ready, with its text for the proctor.
public enum LabCheckProblem: String, Codable, Sendable, CaseIterable {
    case screenTooSmall = "screen_too_small"
    case slowNetwork = "slow_network"
    case storageUnavailable = "storage_unavailable"
    case browserTooOld = "browser_too_old"
    case clockOff = "clock_off"

    public var message: String {
        switch self {
        case .screenTooSmall: "屏幕分辨率低于 1024×768"
        case .slowNetwork: "到服务器的往返时间超过 1 秒"
        case .storageUnavailable: "浏览器本地存储不可用，断网时答案无法暂存"
        case .browserTooOld: "浏览器版本过旧，页面脚本无法运行"
        case .clockOff: "本机时钟与服务器相差超过 5 分钟（不影响计时，计时以服务器为准）"
        }
    }

    public var messageEn: String {
        switch self {
        case .screenTooSmall: "The screen is smaller than 1024×768"
        case .slowNetwork: "A round trip to the server takes more than 1 second"
        case .storageUnavailable: "The browser's local storage does not work, so answers cannot be queued offline"
        case .browserTooOld: "The browser is too old to run the pages' scripts"
        case .clockOff: "This machine's clock is more than 5 minutes off the server's (timing uses the server's clock)"
        }
    }
}
