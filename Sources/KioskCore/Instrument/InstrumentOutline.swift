/// What reading an instrument remembers across its sections, pages and items, for the checks that
/// span them: ids and variable names used twice, and skip rules, which may name only the answers
/// of items that come before their own.
final class InstrumentOutline {
    /// What a name in the instrument stands for, for resolving a skip rule's `${NAME}`.
    private enum Definition {
        /// The answer of the item at this position in questionnaire order.
        case variable(position: Int)
        /// An instruction or a matrix block: a name with no answer of its own.
        case unanswerable(ItemType)
    }

    private var sectionIDs: [String: JSONPath] = [:]
    private var pageIDs: [String: JSONPath] = [:]
    /// The first place each name was used, by its lowercased spelling (exports may ignore case).
    private var namePaths: [String: JSONPath] = [:]
    private var definitions: [String: Definition] = [:]
    /// The items in questionnaire order, with their rules and where they are.
    private var items: [(name: String, relevant: String?, node: JSONNode)] = []

    /// Reads a part of an instrument and then checks the skip rules of the items read.
    static func readChecked<Model>(_ read: (InstrumentOutline) -> Model?) -> Model? {
        let outline = InstrumentOutline()
        let model = read(outline)
        outline.checkRules()
        return model
    }

    func recordSectionID(_ id: String, at node: JSONNode) {
        record(id, at: node, in: &sectionIDs)
    }

    func recordPageID(_ id: String, at node: JSONNode) {
        record(id, at: node, in: &pageIDs)
    }

    /// Records an item's names and rule, read from its JSON so that an item with problems (already
    /// reported) still counts: rules naming it are not reported as naming nothing. An item of
    /// unknown type counts as answerable.
    func recordItem(at node: JSONNode) {
        let silent = node.silenced
        guard let name = silent[Item.CodingKeys.name.stringValue].identifier(.variableName) else { return }
        let type = silent[Item.CodingKeys.type.stringValue].string().flatMap(ItemType.init(rawValue:))
        let position = items.count
        items.append((name, silent[Item.CodingKeys.relevant.stringValue].string(), node))
        recordName(name, at: node[Item.CodingKeys.name.stringValue])
        switch type {
        case .instruction?:
            definitions[name] = .unanswerable(.instruction)
        case .matrix?:
            definitions[name] = .unanswerable(.matrix)
            let statements = node[Item.CodingKeys.statements.stringValue]
            for (index, statement) in (silent[Item.CodingKeys.statements.stringValue].array() ?? []).enumerated() {
                let nameField = MatrixStatement.CodingKeys.name.stringValue
                guard let statementName = statement[nameField].identifier(.variableName) else { continue }
                recordName(statementName, at: statements.element(index)[nameField])
                definitions[statementName] = .variable(position: position)
            }
        default:
            definitions[name] = .variable(position: position)
        }
    }

    private func record(_ id: String, at node: JSONNode, in firstPaths: inout [String: JSONPath]) {
        if let first = firstPaths[id] {
            node.report(.duplicateID(id, first: first))
        } else {
            firstPaths[id] = node.path
        }
    }

    private func recordName(_ name: String, at node: JSONNode) {
        let key = name.lowercased()
        if let first = namePaths[key] {
            node.report(.duplicateVariable(name, first: first))
        } else {
            namePaths[key] = node.path
        }
    }

    private func checkRules() {
        for (position, (itemName, relevant, node)) in items.enumerated() {
            guard let source = relevant else { continue }
            let ruleNode = node[Item.CodingKeys.relevant.stringValue]
            do {
                let rule = try RuleExpression(parsing: source)
                var seen: Set<String> = []
                for name in rule.referencedNames where seen.insert(name).inserted {
                    if let problem = referenceProblem(name, inRuleOf: itemName, at: position) {
                        ruleNode.report(problem)
                    }
                }
            } catch {
                ruleNode.report(.ruleSyntax(error, in: source))
            }
        }
    }

    /// What is wrong with a rule of the item at `position` naming `name`, if anything.
    private func referenceProblem(_ name: String, inRuleOf itemName: String, at position: Int) -> Problem? {
        switch definitions[name] {
        case .variable(let definedAt)? where definedAt < position:
            return nil
        case .variable(let definedAt)? where definedAt == position:
            return .ruleSelfReference(name, item: itemName)
        case .variable?:
            return .ruleForwardReference(name)
        case .unanswerable(let type)?:
            return .ruleNotAnswerable(name, type: type)
        case nil:
            let sameSpelling = definitions.keys.first { $0.lowercased() == name.lowercased() }
            return .ruleUnknownVariable(name, didYouMean: sameSpelling)
        }
    }
}

extension Problem {
    fileprivate static func duplicateID(_ id: String, first: JSONPath) -> Problem {
        Problem(
            .duplicateID, zh: "id “\(id)”重复（首次出现在 \(first)）", en: "id '\(id)' is used twice (first at \(first))",
            hintZh: "同一问卷中每个部分、每一页的 id 必须不同", hintEn: "give each section and each page of an instrument its own id")
    }

    fileprivate static func duplicateVariable(_ name: String, first: JSONPath) -> Problem {
        Problem(
            .duplicateVariable, zh: "变量名 \(name) 重复（首次出现在 \(first)）",
            en: "duplicate variable name \(name) (first at \(first))",
            hintZh: "改用一个未用过的名字；题目名和矩阵陈述名共用一个命名空间，且不区分大小写",
            hintEn: "use a name not used yet; item and matrix statement names share one namespace and ignore case")
    }

    fileprivate static func ruleSyntax(_ error: RuleSyntaxError, in source: String) -> Problem {
        let scalars = Array(source.unicodeScalars)
        let offset = min(max(error.offset, 0), scalars.count)
        var marked = String.UnicodeScalarView(scalars[..<offset])
        marked.append("▶")
        marked.append(contentsOf: scalars[offset...])
        return Problem(
            .ruleSyntax, zh: "跳转规则在第 \(offset + 1) 个字符处有错：\(error.chineseMessage)",
            en: "the skip rule has an error at character \(offset + 1): \(error.englishMessage)",
            hintZh: "在 ▶ 处改正：\(String(marked))", hintEn: "correct it at ▶: \(String(marked))")
    }

    fileprivate static func ruleUnknownVariable(_ name: String, didYouMean suggestion: String?) -> Problem {
        let zhSuggestion = suggestion.map { "是否应为 ${\($0)}？（名字区分大小写）" } ?? "检查拼写，或先添加该题"
        let enSuggestion = suggestion.map { "did you mean ${\($0)}? (names are case-sensitive)" } ?? "check the spelling, or add the item first"
        return Problem(
            .ruleUnknownVariable, zh: "跳转规则引用的 ${\(name)} 不存在", en: "the skip rule names ${\(name)}, which does not exist",
            hintZh: zhSuggestion, hintEn: enSuggestion)
    }

    fileprivate static func ruleForwardReference(_ name: String) -> Problem {
        Problem(
            .ruleForwardReference, zh: "跳转规则引用了后面的题 ${\(name)}", en: "the skip rule names ${\(name)}, which comes later",
            hintZh: "规则只能引用前面的题：把规则移到后面的题上，或调整题目顺序",
            hintEn: "a rule can only name items before its own: move the rule, or reorder the items")
    }

    fileprivate static func ruleSelfReference(_ name: String, item: String) -> Problem {
        Problem(
            .ruleSelfReference, zh: "题 \(item) 的跳转规则引用了它自己（${\(name)}）",
            en: "the skip rule of \(item) names its own answer (${\(name)})",
            hintZh: "规则决定该题是否显示，只能依据前面题的回答", hintEn: "a rule decides whether its item is shown, so it can only use earlier answers")
    }

    fileprivate static func ruleNotAnswerable(_ name: String, type: ItemType) -> Problem {
        let explanation: BilingualText = type == .matrix
            ? BilingualText(zhCN: "矩阵题本身没有回答，请引用它的某个陈述", en: "a matrix has no answer itself: name one of its statements")
            : BilingualText(zhCN: "说明文字没有回答", en: "an instruction has no answer")
        return Problem(
            .ruleNotAnswerable, zh: "跳转规则引用的 ${\(name)} 不是可作答的题", en: "the skip rule names ${\(name)}, which takes no answer",
            hintZh: explanation.zhCN, hintEn: explanation.en)
    }
}
