/// The checks that need more than one file: instrument ids across files, sessions against
/// instruments, the roster against the timetable and the site.
struct CrossFileChecks {
    /// The site's code, read even when `kiosk.json` has other errors.
    let siteCode: String?
    let instruments: [InstrumentFile]
    let timetable: Timetable?
    let timetableNode: JSONNode?
    /// The roster's readable rows, `nil` when there is no roster.
    let rosterRows: [(entry: RosterEntry, line: Int)]?
    let rosterLog: DiagnosticLog

    func run() {
        let instrumentsByID = checkInstrumentIDs()
        if let timetable {
            checkSessions(of: timetable, against: instrumentsByID)
            checkEveryInstrumentScheduled(by: timetable)
            if let rosterRows, !rosterRows.isEmpty {
                checkRosterAudiences(rosterRows, against: timetable)
                checkSessionsHaveParticipants(timetable, rosterRows: rosterRows)
            }
        }
        if let siteCode, let rosterRows {
            checkSchoolCodes(rosterRows, siteCode: siteCode)
        }
    }

    /// Reports ids declared by two files; returns each id's first file.
    private func checkInstrumentIDs() -> [String: InstrumentFile] {
        var byID: [String: InstrumentFile] = [:]
        for instrumentFile in instruments {
            guard let id = instrumentFile.id, let idNode = instrumentFile.idNode else { continue }
            if let first = byID[id] {
                idNode.report(.duplicateInstrumentID(id, firstFile: first.file))
            } else {
                byID[id] = instrumentFile
            }
        }
        return byID
    }

    /// The JSON of each session by id (the first, when an id is used twice), to place diagnostics.
    private var sessionNodes: [String: JSONNode] {
        guard let sessions = timetableNode?[Timetable.CodingKeys.sessions.stringValue] else { return [:] }
        var byID: [String: JSONNode] = [:]
        for (index, session) in (sessions.silenced.array() ?? []).enumerated() {
            guard let id = session[Session.CodingKeys.id.stringValue].string(), byID[id] == nil else { continue }
            byID[id] = sessions.element(index)
        }
        return byID
    }

    private func checkSessions(of timetable: Timetable, against instrumentsByID: [String: InstrumentFile]) {
        let nodes = sessionNodes
        for session in timetable.sessions {
            guard let instrumentID = session.instrumentID, let node = nodes[session.id] else { continue }
            guard let instrumentFile = instrumentsByID[instrumentID] else {
                node[Session.CodingKeys.instrumentID.stringValue].report(
                    .unknownInstrument(instrumentID, known: instrumentsByID.keys.sorted()))
                continue
            }
            if instrumentFile.isSealed, !session.proctorStart {
                node[Session.CodingKeys.proctorStart.stringValue].report(.sealedWithoutProctorStart(instrumentID))
            }
            if let audience = instrumentFile.audience, !session.audience.isWithin(audience) {
                node[Session.CodingKeys.audience.stringValue].report(
                    .audienceMismatch(session.audience, instrumentID: instrumentID, instrumentAudience: audience))
            }
        }
    }

    private func checkEveryInstrumentScheduled(by timetable: Timetable) {
        let scheduled = Set(timetable.sessions.compactMap(\.instrumentID))
        for instrumentFile in instruments {
            guard let id = instrumentFile.id, !scheduled.contains(id), let idNode = instrumentFile.idNode else { continue }
            idNode.report(.instrumentNotScheduled(id))
        }
    }

    /// Reports each group of participants (a role and a grade) that no session is for.
    private func checkRosterAudiences(_ rows: [(entry: RosterEntry, line: Int)], against timetable: Timetable) {
        var groups: [Audience: (firstLine: Int, count: Int)] = [:]
        var order: [Audience] = []
        for (entry, line) in rows {
            let group = Audience(role: entry.role, grades: entry.grade.map { [$0] })
            if let known = groups[group] {
                groups[group] = (known.firstLine, known.count + 1)
            } else {
                groups[group] = (line, 1)
                order.append(group)
            }
        }
        for group in order {
            guard let (firstLine, count) = groups[group],
                let representative = rows.first(where: { $0.line == firstLine })?.entry,
                !timetable.sessions.contains(where: { $0.audience.includes(representative) })
            else { continue }
            rosterLog.report(.audienceWithoutSession(group, count: count), line: firstLine)
        }
    }

    private func checkSessionsHaveParticipants(_ timetable: Timetable, rosterRows: [(entry: RosterEntry, line: Int)]) {
        let nodes = sessionNodes
        for session in timetable.sessions where !rosterRows.contains(where: { session.audience.includes($0.entry) }) {
            nodes[session.id]?[Session.CodingKeys.audience.stringValue].report(.sessionWithoutParticipants(session.audience))
        }
    }

    /// Reports each school code other than the site's once, at its first line.
    private func checkSchoolCodes(_ rows: [(entry: RosterEntry, line: Int)], siteCode: String) {
        var reported: Set<String> = []
        for (entry, line) in rows {
            guard let school = entry.school, school != siteCode, reported.insert(school).inserted else { continue }
            let count = rows.count { $0.entry.school == school }
            rosterLog.report(.schoolMismatch(school, siteCode: siteCode, count: count), line: line)
        }
    }
}

extension Problem {
    fileprivate static func duplicateInstrumentID(_ id: String, firstFile: String) -> Problem {
        Problem(
            .duplicateInstrumentID, zh: "问卷 id “\(id)”与 \(firstFile) 重复", en: "instrument id '\(id)' is also declared by \(firstFile)",
            hintZh: "每份问卷的 id 在部署包中必须唯一；同一问卷的新版本请替换旧文件，并修改 version",
            hintEn: "each instrument's id is unique in the bundle; for a new version, replace the old file and bump version")
    }

    fileprivate static func unknownInstrument(_ id: String, known: [String]) -> Problem {
        let list = known.isEmpty ? "—" : known.joined(separator: ", ")
        return Problem(
            .unknownInstrument, zh: "场次引用的问卷 \(id) 不存在", en: "the session names instrument \(id), which no file declares",
            hintZh: "改为已有的问卷 id（\(list)），或把该问卷放入 instruments/；科目测试写 null",
            hintEn: "use an instrument id the bundle has (\(list)), or add the instrument to instruments/; write null for a subject test")
    }

    fileprivate static func audienceMismatch(_ audience: Audience, instrumentID: String, instrumentAudience: Audience) -> Problem {
        let session = audience.bilingualDescription
        let instrument = instrumentAudience.bilingualDescription
        return Problem(
            .audienceMismatch, zh: "场次对象（\(session.zhCN)）不在问卷 \(instrumentID) 的对象（\(instrument.zhCN)）之内",
            en: "the session's audience (\(session.en)) is not among the people instrument \(instrumentID) is for (\(instrument.en))",
            hintZh: "改正场次的 audience，或改用适合该对象的问卷", hintEn: "correct the session's audience, or give it an instrument for that audience")
    }

    fileprivate static func sealedWithoutProctorStart(_ id: String) -> Problem {
        Problem(
            .sealedWithoutProctorStart, zh: "问卷 \(id) 已加密，但该场次不由监测员开始，密钥无处输入，问卷永远无法打开",
            en: "instrument \(id) is sealed, but the session does not wait for a proctor's start, where the day's key is entered: it could never be unsealed",
            hintZh: "为该场次写 \"proctorStart\": true", hintEn: "write \"proctorStart\": true for the session")
    }

    fileprivate static func instrumentNotScheduled(_ id: String) -> Problem {
        Problem(
            .instrumentNotScheduled, zh: "没有场次使用问卷 \(id)", en: "no session delivers instrument \(id)",
            hintZh: "在 timetable.json 中安排场次，或从 instruments/ 中移除该问卷",
            hintEn: "schedule it in timetable.json, or remove it from instruments/")
    }

    fileprivate static func audienceWithoutSession(_ audience: Audience, count: Int) -> Problem {
        let group = audience.bilingualDescription
        return Problem(
            .audienceWithoutSession, zh: "名册中的\(group.zhCN)（共 \(count) 人，从这一行起）没有任何场次",
            en: "no session is for the rostered \(group.en) (\(count) \(count == 1 ? "person" : "people"), from this line on)",
            hintZh: "在 timetable.json 中为他们安排场次，或核对这些行的角色和年级",
            hintEn: "schedule a session for them in timetable.json, or check these rows' role and grade")
    }

    fileprivate static func sessionWithoutParticipants(_ audience: Audience) -> Problem {
        let group = audience.bilingualDescription
        return Problem(
            .sessionWithoutParticipants, zh: "名册中没有该场次的对象（\(group.zhCN)）", en: "the roster has nobody in the session's audience (\(group.en))",
            hintZh: "核对场次的 audience 与名册的角色、年级", hintEn: "check the session's audience against the roster's roles and grades")
    }

    fileprivate static func schoolMismatch(_ school: String, siteCode: String, count: Int) -> Problem {
        Problem(
            .schoolMismatch, zh: "学校代码 \(school) 与 kiosk.json 的 \(siteCode) 不同（共 \(count) 行，从这一行起）",
            en: "school code \(school) differs from \(siteCode) in kiosk.json (\(count) rows, from this line on)",
            hintZh: "核对名册是否属于本校", hintEn: "check that the roster belongs to this school")
    }
}
