/// `timetable.json`: the day plan, every session of the monitoring at this site.
public struct Timetable: Sendable, Hashable {
    /// The sessions in the file's order.
    public var sessions: [Session]

    public init(sessions: [Session]) {
        self.sessions = sessions
    }

    /// The session with this id (ids are unique in a checked timetable).
    public func session(withID id: String) -> Session? {
        sessions.first { $0.id == id }
    }

    /// The sessions the participant attends, by date and start time: their login slip's list.
    public func sessions(for participant: RosterEntry) -> [Session] {
        sessions.filter { $0.audience.includes(participant) }.sorted { ($0.date, $0.start) < ($1.date, $1.start) }
    }
}

extension Timetable: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case sessions
    }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeStrictly(Timetable.init(reading:))
    }
}

extension Timetable {
    /// Reads the timetable, reporting each session's problems and those between sessions: ids used
    /// twice, and sessions that overlap for someone.
    init?(reading node: JSONNode) {
        guard node.object(known: CodingKeys.fieldNames) != nil,
            let sessionNodes = node[CodingKeys.sessions.stringValue].array()
        else { return nil }
        var firstPathOfID: [String: JSONPath] = [:]
        var read: [(session: Session, node: JSONNode)] = []
        for sessionNode in sessionNodes {
            let idNode = sessionNode[Session.CodingKeys.id.stringValue]
            if let id = idNode.silenced.identifier(.code) {
                if let first = firstPathOfID[id] {
                    idNode.report(.duplicateSessionID(id, first: first))
                } else {
                    firstPathOfID[id] = idNode.path
                }
            }
            if let session = Session(reading: sessionNode) {
                for earlier in read where earlier.session.overlaps(session) {
                    sessionNode.report(.sessionOverlap(session, with: earlier.session))
                }
                read.append((session, sessionNode))
            }
        }
        self.init(sessions: read.map(\.session))
    }
}

extension Session {
    /// Whether someone would have to be in both sessions at once: the same day, audiences that
    /// share a role and a grade, and windows that share a minute (an open-ended session runs to the
    /// end of its day).
    func overlaps(_ other: Session) -> Bool {
        date == other.date && audience.overlaps(other.audience) && minutesOfDay.overlaps(other.minutesOfDay)
    }

    /// `G4-D1-Q1（2026-05-20 14:00–14:30）`, for messages.
    var summary: BilingualText {
        let window = "\(date) \(start)–\(end?.description ?? "")"
        return BilingualText(zhCN: "\(id)（\(window)）", en: "\(id) (\(window))")
    }
}

extension Problem {
    fileprivate static func duplicateSessionID(_ id: String, first: JSONPath) -> Problem {
        Problem(
            .duplicateSessionID, zh: "场次 id “\(id)”重复（首次出现在 \(first)）",
            en: "session id '\(id)' is used twice (first at \(first))",
            hintZh: "每个场次的 id 必须不同", hintEn: "give each session its own id")
    }

    fileprivate static func sessionOverlap(_ session: Session, with earlier: Session) -> Problem {
        let shared = session.audience.role == .student
            ? BilingualText(zhCN: "同一批学生", en: "the same students")
            : BilingualText(zhCN: "同一批人员", en: "the same people")
        return Problem(
            .sessionOverlap,
            zh: "场次 \(session.summary.zhCN)与 \(earlier.summary.zhCN)时间重叠，\(shared.zhCN)不能同时参加",
            en: "session \(session.summary.en) overlaps \(earlier.summary.en): \(shared.en) cannot attend both",
            hintZh: "调整其中一个场次的时间或对象（没有结束时间的场次算到当天结束）",
            hintEn: "move one of them, or change its audience (a session without an end lasts to the end of its day)")
    }
}
