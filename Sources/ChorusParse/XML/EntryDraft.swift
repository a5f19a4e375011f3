import ChorusModel

/// The raw values of one feed entry (or of the channel itself) as the state machine reads
/// them, already as plain text; ``FeedEntryAdapter`` turns a draft into an ``Item``.
struct EntryDraft: Sendable {
    var title: String?
    var dcTitle: String?
    /// Best link so far and its rank (0 = rel=alternate text/html, higher is worse).
    var link: String?
    var linkRank = Int.max
    var origLink: String?
    var contentSource: String?
    var guid: String?
    var guidIsPermaLink = true
    var atomID: String?
    var rdfAbout: String?
    /// `rdf:about` and the best link as read before attribute references were decoded, when
    /// different (see ``AttributeValueDecoder/former(_:)``): for ``Item/formerID``.
    var formerRDFAbout: String?
    var formerLink: String?
    var dcIdentifier: String?
    var published: String?
    var updated: String?
    var dcDate: String?
    var created: String?
    var content: String?
    /// Entry title and body as captured; converted to text by the adapter (possibly on another thread).
    var rawTitle: RawText?
    var rawDCTitle: RawText?
    var rawContent: RawText?
    /// Fallback bodies, kept as captured and converted only when no richer body exists.
    var summary: RawText?
    var dcDescription: RawText?
    var itunesSummary: RawText?
    var mediaDescription: RawText?
    var itunesSubtitle: RawText?
    var authorName: String?
    var authorEmail: String?
    var authorURI: String?
    var rssAuthor: String?
    var dcCreator: String?
    var itunesAuthor: String?
    /// RSS `managingEditor`, else `webMaster`: the channel's author when it names no other.
    var editor: String?
    var categories: [String] = []
    var enclosures: [Enclosure] = []
    var comments: String?
    var lang: String?
    var dcLanguage: String?

    /// True when an Atom author record has been started (only the first is kept).
    var hasAtomAuthor: Bool { authorName != nil || authorEmail != nil || authorURI != nil }

    /// Stores captured text in the slot for `field`; the first value wins for single slots.
    mutating func set(_ field: DraftField, _ value: String) {
        switch field {
        case .none: break
        case .title: if title == nil { title = value }
        case .dcTitle: if dcTitle == nil { dcTitle = value }
        case .link: offerLink(value, rank: 2)
        case .origLink: if origLink == nil { origLink = value }
        case .guid: if guid == nil { guid = value }
        case .atomID: if atomID == nil { atomID = value }
        case .dcIdentifier: if dcIdentifier == nil { dcIdentifier = value }
        case .published: if published == nil { published = value }
        case .updated: if updated == nil { updated = value }
        case .dcDate: if dcDate == nil { dcDate = value }
        case .created: if created == nil { created = value }
        case .content: if content == nil { content = value }
        case .summary, .dcDescription, .itunesSummary, .mediaDescription, .itunesSubtitle:
            set(field, RawText(bytes: Array(value.utf8), html: false, raw: false))
        case .authorName: if authorName == nil { authorName = value }
        case .authorEmail: if authorEmail == nil { authorEmail = value }
        case .authorURI: if authorURI == nil { authorURI = value }
        case .rssAuthor: if rssAuthor == nil { rssAuthor = value }
        case .dcCreator: if dcCreator == nil { dcCreator = value }
        case .itunesAuthor: if itunesAuthor == nil { itunesAuthor = value }
        case .editor: if editor == nil { editor = value }
        // Capped first (ItemLimits.tags): the duplicate check is then O(1) per category, so
        // 100,000 <category> elements cost linear time, not quadratic.
        // The first one reserves room for four: appending one by one grew the array at the
        // first and the second (two allocations and a copy per entry for the usual two or three).
        case .category:
            if categories.count < ItemLimits.tags && !categories.contains(value) {
                if categories.isEmpty { categories.reserveCapacity(4) }
                categories.append(value)
            }
        // `itunes:keywords`, `media:keywords`, `tags`: comma-separated, each one a category.
        case .keywordList:
            for part in value.split(separator: ",") where categories.count < ItemLimits.tags {
                let term = part.trimmingCharacters(in: .whitespaces)
                if !term.isEmpty { set(.category, term) }
            }
        case .comments: if comments == nil { comments = value }
        case .language: if dcLanguage == nil { dcLanguage = value }
        }
    }

    /// Stores a fallback body as captured (see ``RawText``); the first value wins.
    mutating func set(_ field: DraftField, _ value: RawText) {
        switch field {
        case .summary: if summary == nil { summary = value }
        case .dcDescription: if dcDescription == nil { dcDescription = value }
        case .itunesSummary: if itunesSummary == nil { itunesSummary = value }
        case .mediaDescription: if mediaDescription == nil { mediaDescription = value }
        case .itunesSubtitle: if itunesSubtitle == nil { itunesSubtitle = value }
        case .title: if rawTitle == nil { rawTitle = value }
        case .dcTitle: if rawDCTitle == nil { rawDCTitle = value }
        case .content: if rawContent == nil { rawContent = value }
        default: break
        }
    }

    /// The first author named, in the order Atom author, RSS author, dc:creator, itunes:author.
    var firstAuthor: Author? {
        if hasAtomAuthor {
            var a = Author(name: authorName, url: authorURI, email: authorEmail)
            if a.name == nil, let email = a.email, let parsed = AuthorParser.parse(email) { a.name = parsed.name; a.email = parsed.email }
            // `Name (email)` or `Name <email>` written into <name>.
            if let name = a.name, name.contains("@"), let parsed = AuthorParser.parse(name), let email = parsed.email, parsed.name != nil {
                a.name = parsed.name
                if a.email == nil { a.email = email }
            }
            return a
        }
        // In order, without building an array of the four per entry.
        if let raw = rssAuthor, let a = AuthorParser.parse(raw) { return a }
        if let raw = dcCreator, let a = AuthorParser.parse(raw) { return a }
        if let raw = itunesAuthor, let a = AuthorParser.parse(raw) { return a }
        if let raw = editor, let a = AuthorParser.parse(raw) { return a }
        return nil
    }

    /// Keeps `url` as the entry link when it ranks better than the current one.
    mutating func offerLink(_ url: String, rank: Int, former: String? = nil) {
        if rank < linkRank { link = url; linkRank = rank; formerLink = former }
    }

    mutating func addEnclosure(_ enclosure: Enclosure) {
        // Capped first, as categories are: the duplicate check stays bounded.
        if enclosures.count < ItemLimits.enclosures && !enclosures.contains(where: { $0.url == enclosure.url }) { enclosures.append(enclosure) }
    }
}

/// Captured text not yet turned into plain text: `html` says it is HTML, `raw` that its
/// whitespace is not collapsed yet.
struct RawText: Sendable {
    var bytes: [UInt8]
    var html: Bool
    var raw: Bool
}

/// What an entry inherits from its channel, fixed when the entry is emitted.
struct ChannelInfo: Sendable {
    var feed: FeedRef?
    /// Scope for bare native ids: the document URL, else the feed link.
    var scope: String?
    var lang: String?
    /// The language the channel declares in an element (`language`, `dc:language`), which an
    /// empty `xml:lang` (a reset of the inherited attribute) does not take back.
    var declaredLang: String?
    var author: Author?
}

/// The draft slot a captured text element fills.
enum DraftField {
    case none, title, dcTitle, link, origLink, guid, atomID, dcIdentifier, published, updated, dcDate, created
    case summary, content, dcDescription, itunesSummary, mediaDescription, authorName, authorEmail, authorURI
    case rssAuthor, dcCreator, itunesAuthor, editor, category, keywordList, comments, language, itunesSubtitle

    /// Bodies used only when the entry has no richer one; converted lazily.
    var isFallbackBody: Bool {
        self == .summary || self == .dcDescription || self == .itunesSummary || self == .mediaDescription || self == .itunesSubtitle
    }

    /// Entry fields kept as captured bytes and converted by the adapter.
    var isDeferred: Bool { isFallbackBody || self == .title || self == .dcTitle || self == .content }
}

/// How captured text is to be read: as-is, as escaped HTML, as inline XHTML markup, or as
/// base64 of one of those (Atom 0.3 `mode="base64"`, or an Atom 1.0 `type` that is a media
/// type neither textual nor XML).
enum TextKind {
    case plain, html, xhtml, base64Plain, base64HTML

    /// The kind an Atom text construct declares through `type` (1.0) and `mode` (0.3). A media
    /// type is compared without its parameters (`application/xhtml+xml; charset=utf-8`).
    static func atom(type: String?, mode: String?, atom10: Bool) -> TextKind {
        let declared = (type ?? "text").lowercased()
        var bare = declared.prefix { $0 != ";" }
        while bare.last == " " || bare.last == "\t" { bare = bare.dropLast() }
        while bare.first == " " || bare.first == "\t" { bare = bare.dropFirst() }
        let t = String(bare)
        let isHTML = t == "html" || t == "text/html"
        let isXHTML = t == "xhtml" || t == "application/xhtml+xml"
        switch mode?.lowercased() {
        case "base64": return isHTML || isXHTML ? .base64HTML : .base64Plain
        case "escaped": return isXHTML || isHTML ? .html : .plain
        case "xml": return .xhtml
        default:
            if isHTML { return .html }
            if isXHTML { return .xhtml }
            // RFC 4287 §4.1.3.3 (Atom 1.0; Atom 0.3's default mode is inline XML): any other
            // media type that is not text/* and not XML (`+xml`, `/xml`) is base64. What it
            // decodes to is read as HTML when it is UTF-8 text (feeds that do this carry markup,
            // `application/octet-stream`; plain text reads the same), else it is no text at all.
            if atom10, mode == nil, t.contains("/"), !t.hasPrefix("text/"), !t.hasSuffix("+xml"), !t.hasSuffix("/xml") {
                return .base64HTML
            }
            return .plain
        }
    }
}
