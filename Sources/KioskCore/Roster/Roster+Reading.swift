import Foundation

extension Roster {
    /// Reads what can be read of a roster, reporting every problem to `log` with its line.
    init(reading data: Data, log: DiagnosticLog) {
        self.init(entries: Self.rows(in: data, log: log).map(\.entry))
    }

    /// The participants that could be read, each with its line.
    static func rows(in data: Data, log: DiagnosticLog) -> [(entry: RosterEntry, line: Int)] {
        var rows: [(entry: RosterEntry, line: Int)] = []
        guard let text = String(spreadsheetText: data) else {
            log.report(.rosterUnreadableText, at: .file)
            return rows
        }
        var records = CSVReader.records(in: text, log: log).filter { !$0.isBlank }[...]
        guard let header = records.popFirst(), !records.isEmpty else {
            log.report(.emptyRoster, at: .file)
            return rows
        }
        guard let columns = columns(of: header, log: log) else { return rows }
        var firstLineOfID: [String: Int] = [:]
        for record in records {
            guard record.fields.count == header.fields.count else {
                log.report(.wrongColumnCount(record.fields.count, expected: header.fields.count), line: record.line)
                continue
            }
            let row = RosterRow(record: record, columns: columns, log: log)
            guard let entry = row.entry() else { continue }
            let key = entry.id.lowercased()
            if let first = firstLineOfID[key] {
                log.report(.duplicateParticipantID(entry.id, firstLine: first), line: record.line)
                continue
            }
            firstLineOfID[key] = record.line
            rows.append((entry, record.line))
        }
        return rows
    }

    /// Which field of a record holds which column, or `nil` when a required column is missing.
    private static func columns(of header: CSVRecord, log: DiagnosticLog) -> [RosterColumn: Int]? {
        var columns: [RosterColumn: Int] = [:]
        for (index, cell) in header.fields.enumerated() {
            let cell = cell.trimmingCharacters(in: .whitespaces)
            guard let column = RosterColumn(header: cell) else {
                if !cell.isEmpty {
                    log.report(.unknownColumn(cell), line: header.line)
                }
                continue
            }
            if columns[column] != nil {
                log.report(.duplicateColumn(column), line: header.line)
            } else {
                columns[column] = index
            }
        }
        let missing = RosterColumn.required.filter { columns[$0] == nil }
        for column in missing {
            log.report(.missingColumn(column), line: header.line)
        }
        return missing.isEmpty ? columns : nil
    }
}

/// One participant's row, read cell by cell with each problem reported at the row's line.
private struct RosterRow {
    let record: CSVRecord
    let columns: [RosterColumn: Int]
    let log: DiagnosticLog

    /// The trimmed cell of `column`, or `nil` when the column is absent or the cell empty.
    func cell(_ column: RosterColumn) -> String? {
        guard let index = columns[column] else { return nil }
        let value = record.fields[index].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    func report(_ problem: Problem) {
        log.report(problem, line: record.line)
    }

    func entry() -> RosterEntry? {
        let id = participantID()
        let role = role()
        let grade = grade(for: role)
        let name = cell(.name)
        if name == nil {
            report(.emptyCell(.name))
        }
        let gender = gender()
        guard let id, let role, let grade, let name, let gender else { return nil }
        return RosterEntry(
            id: id, role: role, grade: grade, className: cell(.className), name: name, gender: gender,
            school: cell(.school))
    }

    private func participantID() -> String? {
        guard let id = cell(.id) else {
            report(.emptyCell(.id))
            return nil
        }
        guard Identifier.participantID.accepts(id) else {
            report(.invalidIdentifier(id, rule: .participantID))
            return nil
        }
        return id
    }

    private func role() -> ParticipantRole? {
        guard let word = cell(.role) else {
            report(.emptyCell(.role))
            return nil
        }
        guard let role = ParticipantRole(word: word) else {
            report(.invalidRole(word))
            return nil
        }
        return role
    }

    /// The grade: required for a student; `.some(nil)` when a teacher or principal has none.
    private func grade(for role: ParticipantRole?) -> Int?? {
        guard let text = cell(.grade) else {
            if role == .student {
                report(.missingGrade)
                return nil
            }
            return .some(nil)
        }
        let digits = text.hasSuffix("年级") ? String(text.dropLast(2)) : text
        guard let grade = Int(digits), Audience.gradeRange.contains(grade) else {
            report(.invalidGrade(text))
            return nil
        }
        return grade
    }

    /// The gender: `.some(nil)` when the cell is empty.
    private func gender() -> Gender?? {
        guard let word = cell(.gender) else { return .some(nil) }
        guard let gender = Gender(word: word) else {
            report(.invalidGender(word))
            return nil
        }
        return gender
    }
}
