extension Instrument {
    /// Reads an instrument, reporting every problem in it: those of each item, and those that span
    /// items (a name used twice, a skip rule that does not parse or names the wrong item).
    init?(reading node: JSONNode) {
        guard node.object(known: CodingKeys.fieldNames) != nil else { return nil }
        let id = node[CodingKeys.id.stringValue].identifier(.code)
        let version = node[CodingKeys.version.stringValue].string()
        let title = LocalizedText(reading: node[CodingKeys.title.stringValue])
        let audience = Audience(reading: node[CodingKeys.audience.stringValue])
        let sections = InstrumentOutline.readChecked { outline in
            node[CodingKeys.sections.stringValue].array()?.compactMap { Section(reading: $0, outline: outline) }
        }
        guard let id, let version, let title, let audience, let sections else { return nil }
        self.init(id: id, version: version, title: title, audience: audience, sections: sections)
    }
}

extension Instrument.Section {
    init?(reading node: JSONNode, outline: InstrumentOutline) {
        guard node.object(known: CodingKeys.fieldNames) != nil else { return nil }
        let idNode = node[CodingKeys.id.stringValue]
        let id = idNode.identifier(.code)
        if let id {
            outline.recordSectionID(id, at: idNode)
        }
        let title = LocalizedText(reading: node[CodingKeys.title.stringValue])
        let pages = node[CodingKeys.pages.stringValue].array()?.compactMap { Instrument.Page(reading: $0, outline: outline) }
        guard let id, let title, let pages else { return nil }
        self.init(id: id, title: title, pages: pages)
    }
}

extension Instrument.Page {
    init?(reading node: JSONNode, outline: InstrumentOutline) {
        guard node.object(known: CodingKeys.fieldNames) != nil else { return nil }
        let idNode = node[CodingKeys.id.stringValue]
        let id = idNode.identifier(.code)
        if let id {
            outline.recordPageID(id, at: idNode)
        }
        let title = node[CodingKeys.title.stringValue].ifPresent(LocalizedText.init(reading:))
        let items = node[CodingKeys.items.stringValue].array()?.compactMap { itemNode in
            outline.recordItem(at: itemNode)
            return Item(reading: itemNode)
        }
        guard let id, let items else { return nil }
        self.init(id: id, title: title, items: items)
    }
}
