/// One participant the generator plays: who they are, how they get a token, and from which
/// loopback address their browser connects (a lab has one address per machine, and the kiosk
/// limits connections per address).
struct Participant: Sendable {
    /// 1-based, unique in a run; also the attempt a saves-only server stores under.
    var number: Int
    var login: Login

    enum Login: Sendable {
        /// The kiosk: log in with the roster ID and the access code from the slip.
        case accessCode(id: String, code: String)
        /// The ceilings and the peer: a token issued beforehand.
        case token(String)
    }

    /// The key verification finds this participant's rows under: the roster ID or the number.
    var storageKey: String {
        switch login {
        case .accessCode(let id, _): id
        case .token: String(number)
        }
    }

    /// 127.10.x.y: a source address of its own, as each lab machine has.
    var sourceAddress: UInt32 {
        let index = UInt32(number - 1)
        return (127 << 24) | (10 << 16) | ((index / 250) << 8) | (index % 250 + 1)
    }

    /// The participants of a saves-only server: tokens `bench-N`, as the ceilings and the peer expect.
    static func withTokens(count: Int) -> [Participant] {
        (1...count).map { Participant(number: $0, login: .token("bench-\($0)")) }
    }
}

/// What each save answers: seq n answers the instrument's variables in order, round after round,
/// with values valid for each variable, so that every save is validated and stored.
struct AnswerPlan: Sendable {
    struct Variable: Sendable {
        var name: String
        /// The page index the browser reports as `position`.
        var page: Int
        /// Valid values as JSON text, used in turn.
        var values: [String]
    }

    var variables: [Variable]

    func answer(seq: Int64) -> (variable: Variable, value: String) {
        let index = Int((seq - 1) % Int64(variables.count))
        let round = Int((seq - 1) / Int64(variables.count))
        let variable = variables[index]
        return (variable, variable.values[round % variable.values.count])
    }

    /// How many current answers an attempt holds after `acknowledged` saves.
    func currentAnswers(afterSaves acknowledged: Int64) -> Int {
        Int(min(acknowledged, Int64(variables.count)))
    }
}
