extension RuleExpression {
    /// The item names the rule reads through `${NAME}`, each once, in the order they first appear,
    /// so a checker can report names that are unknown or come after the rule's own item.
    public var referencedNames: [String] {
        var names: [String] = []
        collectReferencedNames(into: &names)
        return names
    }

    private func collectReferencedNames(into names: inout [String]) {
        switch self {
        case .number, .string:
            break
        case .reference(let name):
            if !names.contains(name) { names.append(name) }
        case .negation(let operand):
            operand.collectReferencedNames(into: &names)
        case .binary(_, let left, let right):
            left.collectReferencedNames(into: &names)
            right.collectReferencedNames(into: &names)
        case .call(_, let arguments):
            for argument in arguments { argument.collectReferencedNames(into: &names) }
        }
    }
}
