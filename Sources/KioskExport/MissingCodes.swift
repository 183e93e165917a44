/// Why a variable of a row holds no answer. Each reason has its own code in the wide data, so an
/// analyst can tell a skipped question from one never reached.
public enum MissingReason: String, CaseIterable, Sendable, Codable {
    /// Shown on a page the participant reached, and left unanswered.
    case noResponse = "no_response"
    /// On a page after the furthest one the participant reached, in an attempt not timed out.
    case notReached = "not_reached"
    /// Its skip rule hid it, given the participant's answers.
    case hiddenByRule = "hidden_by_rule"
    /// On a page the participant never reached because the time ran out (or the session was ended).
    case timedOut = "timed_out"
    /// The participant never received the instrument: absent, excluded, never logged in, or the
    /// session closed before they opened it.
    case notAdministered = "not_administered"

    public var label: (zhCN: String, en: String) {
        switch self {
        case .noResponse: ("未作答", "No response")
        case .notReached: ("未到达", "Not reached")
        case .hiddenByRule: ("按跳转规则跳过", "Skipped by rule")
        case .timedOut: ("超时未答", "Timed out")
        case .notAdministered: ("未施测", "Not administered")
        }
    }
}

/// The numbers that stand for each ``MissingReason`` in the wide data.
///
/// The base codes (99 no response, 98 not reached, 97 skipped by rule, 96 timed out, 95 not
/// administered, unless set otherwise) are used wherever every valid value lies below them. Where a
/// variable's values reach that high (an age up to 120, an option coded 97), its codes are widened
/// together, each by a digit of nines (99 → 999 → 9999), until all lie above the variable's largest
/// valid value. The codebook and the SPSS and Stata files declare each variable's codes.
public struct MissingCodes: Sendable, Equatable {
    public var base: [MissingReason: Int]

    public static let standard = MissingCodes(base: [
        .noResponse: 99, .notReached: 98, .hiddenByRule: 97, .timedOut: 96, .notAdministered: 95,
    ])

    public init(base: [MissingReason: Int]) {
        self.base = base
    }

    /// Reads `no_response=9,not_reached=8,...`: any reasons left out keep their standard code.
    /// The codes must be distinct positive whole numbers.
    public init(parsing text: String) throws(MissingCodesError) {
        var base = Self.standard.base
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let reason = MissingReason(rawValue: parts[0]) else { throw .malformed(String(pair)) }
            guard let code = Int(parts[1]), code > 0 else { throw .malformed(String(pair)) }
            base[reason] = code
        }
        guard Set(base.values).count == base.count else { throw .notDistinct }
        self.base = base
    }

    /// The codes of a numeric variable whose valid values go up to `maximum`.
    public func codes(above maximum: Double) -> [MissingReason: Int] {
        var codes = base
        while Double(codes.values.min() ?? 0) <= maximum {
            codes = codes.mapValues { $0 + 9 * Self.powerOfTen(digitsOf: $0) }
        }
        return codes
    }

    /// 10 to the number of decimal digits of `value` (10 for 7, 100 for 95).
    private static func powerOfTen(digitsOf value: Int) -> Int {
        var power = 1
        while power <= value { power *= 10 }
        return power
    }
}

public enum MissingCodesError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case notDistinct

    public var description: String {
        switch self {
        case .malformed(let pair):
            "缺失值代码写作 no_response=99,not_reached=98,… / missing codes read like no_response=99,not_reached=98,…: '\(pair)'"
        case .notDistinct:
            "每种缺失原因须有不同的代码 / each missing reason needs its own code"
        }
    }
}
