extension Problem {
    static let emptyRoster = Problem(
        .emptyRoster, zh: "名册中没有参与者", en: "the roster lists no participant",
        hintZh: "第一行为表头，其后每行一名参与者", hintEn: "the first row is the header, then one row per participant")

    static func unknownColumn(_ header: String) -> Problem {
        let columns = RosterColumn.allCases.map(\.bothHeaders).joined(separator: ", ")
        return Problem(
            .unknownColumn, zh: "未知的列“\(header)”，将被忽略", en: "unknown column '\(header)' is ignored",
            hintZh: "可用的列：\(columns)", hintEn: "the columns are: \(columns)")
    }

    static func duplicateColumn(_ column: RosterColumn) -> Problem {
        Problem(
            .duplicateColumn, zh: "表头中 \(column.bothHeaders) 列出现了两次", en: "the header names the column \(column.bothHeaders) twice",
            hintZh: "删除或改名其中一列", hintEn: "remove or rename one of them")
    }

    static func missingColumn(_ column: RosterColumn) -> Problem {
        Problem(
            .missingColumn, zh: "表头缺少 \(column.bothHeaders) 列", en: "the header lacks the column \(column.bothHeaders)",
            hintZh: "在第一行加上“\(column.chineseHeader)”或“\(column.rawValue)”列",
            hintEn: "add a column headed '\(column.rawValue)' or '\(column.chineseHeader)' to the first row")
    }

    static func wrongColumnCount(_ count: Int, expected: Int) -> Problem {
        Problem(
            .wrongColumnCount, zh: "这一行有 \(count) 格，表头有 \(expected) 列；此行未读入",
            en: "the row has \(count) cells where the header has \(expected); the row is skipped",
            hintZh: "检查是否多了或少了逗号；含逗号的内容要放在引号内",
            hintEn: "look for a missing or extra comma; a cell containing a comma goes in quotes")
    }

    static func emptyCell(_ column: RosterColumn) -> Problem {
        Problem(
            .emptyValue, zh: "\(column.bothHeaders) 为空", en: "\(column.bothHeaders) is empty",
            hintZh: "填写该格", hintEn: "fill in the cell")
    }

    static func duplicateParticipantID(_ id: String, firstLine: Int) -> Problem {
        Problem(
            .duplicateParticipantID, zh: "编号 \(id) 重复（首次出现在第 \(firstLine) 行）",
            en: "ID \(id) is used twice (first on line \(firstLine))",
            hintZh: "每人的编号必须不同（不区分大小写）；核对抽样名单", hintEn: "each person needs their own ID (case is ignored); check the sample list")
    }

    static func invalidRole(_ word: String) -> Problem {
        Problem(
            .invalidRole, zh: "角色“\(word)”无效", en: "'\(word)' is not a role",
            hintZh: "写 student/学生、teacher/教师 或 principal/校长（JSON 中用英文）",
            hintEn: "write student/学生, teacher/教师 or principal/校长 (English in JSON)")
    }

    static let missingGrade = Problem(
        .missingGrade, zh: "学生缺少年级", en: "a student without a grade",
        hintZh: "填写年级，如 4 或 8", hintEn: "fill in the grade, such as 4 or 8")

    static func invalidGrade(_ text: String) -> Problem {
        Problem(
            .invalidGrade, zh: "年级“\(text)”无效", en: "'\(text)' is not a grade",
            hintZh: "写 1 到 12 的整数，如 4 或 8", hintEn: "write a whole number from 1 to 12, such as 4 or 8")
    }

    static func invalidGender(_ word: String) -> Problem {
        Problem(
            .invalidGender, zh: "性别“\(word)”无效", en: "'\(word)' is not a gender",
            hintZh: "写 男/M 或 女/F，不知道可留空", hintEn: "write 男/M or 女/F, or leave it empty")
    }
}
