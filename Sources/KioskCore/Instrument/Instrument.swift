/// A questionnaire: sections of pages of items, shown one page at a time in file order.
public struct Instrument: Sendable, Hashable, Identifiable {
    /// Letters, digits, `-` and `_`; unique in the bundle. Sessions name the instrument by it.
    public var id: String
    /// Free text, bumped by the author whenever the content changes.
    public var version: String
    public var title: LocalizedText
    /// The people the questionnaire is written for.
    public var audience: Audience
    public var sections: [Section]

    public init(id: String, version: String, title: LocalizedText, audience: Audience, sections: [Section]) {
        self.id = id
        self.version = version
        self.title = title
        self.audience = audience
        self.sections = sections
    }

    /// Every item in the order participants meet them.
    public var items: [Item] {
        sections.flatMap { $0.pages.flatMap(\.items) }
    }
}

extension Instrument {
    /// A part of the questionnaire with its own heading.
    public struct Section: Sendable, Hashable, Codable {
        /// Unique within the instrument.
        public var id: String
        public var title: LocalizedText
        public var pages: [Page]

        public init(id: String, title: LocalizedText, pages: [Page]) {
            self.id = id
            self.title = title
            self.pages = pages
        }
    }

    /// The items shown together on one screen.
    public struct Page: Sendable, Hashable, Codable {
        /// Unique within the instrument.
        public var id: String
        public var title: LocalizedText?
        public var items: [Item]

        public init(id: String, title: LocalizedText? = nil, items: [Item]) {
            self.id = id
            self.title = title
            self.items = items
        }
    }
}

extension Instrument: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, version, title, audience, sections
    }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeStrictly(Instrument.init(reading:))
    }
}

extension Instrument.Section {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, pages
    }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeStrictly { node in InstrumentOutline.readChecked { Self(reading: node, outline: $0) } }
    }
}

extension Instrument.Page {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, items
    }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeStrictly { node in InstrumentOutline.readChecked { Self(reading: node, outline: $0) } }
    }
}
