import Foundation

extension Problem {
    static func missingFile(_ file: String, describing purpose: BilingualText) -> Problem {
        Problem(
            .missingFile, zh: "缺少\(purpose.zhCN) \(file)", en: "missing \(file) (\(purpose.en))",
            hintZh: "在部署包文件夹中放入 \(file)，格式见 docs/bundle-format.md",
            hintEn: "put \(file) in the bundle folder, as docs/bundle-format.md describes")
    }

    static func unreadableFile(_ error: any Error) -> Problem {
        Problem(
            .unreadableFile, zh: "无法读取文件：\(error.localizedDescription)",
            en: "cannot read the file: \(error.localizedDescription)",
            hintZh: "检查文件权限，或重新复制该文件", hintEn: "check the file's permissions, or copy it again")
    }

    static let jsonNotUTF8 = Problem(
        .invalidEncoding, zh: "文件不是 UTF-8 编码", en: "the file is not UTF-8",
        hintZh: "用文本编辑器另存为 UTF-8 编码", hintEn: "save the file again as UTF-8 in a text editor")

    static let rosterUnreadableText = Problem(
        .invalidEncoding, zh: "名册既不是 UTF-8 也不是 GB18030 编码", en: "the roster is neither UTF-8 nor GB18030 text",
        hintZh: "在表格软件中另存为“CSV UTF-8（逗号分隔）”", hintEn: "save it from the spreadsheet as \"CSV UTF-8 (comma delimited)\"")

    static func jsonSyntax(_ parserMessage: String) -> Problem {
        Problem(
            .jsonSyntax, zh: "JSON 语法错误", en: "JSON syntax error: \(parserMessage)",
            hintZh: "检查这一行及其上一行：引号和括号是否成对，项与项之间是否有逗号",
            hintEn: "look at this line and the one before: unpaired quotes or brackets, a missing comma")
    }

    static let noInstruments = Problem(
        .noInstruments, zh: "instruments/ 中没有问卷文件（*.json）", en: "instruments/ holds no questionnaire (*.json)",
        hintZh: "把问卷文件放入 instruments/", hintEn: "put the questionnaire files in instruments/")
}
