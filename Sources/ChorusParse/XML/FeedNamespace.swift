/// The XML namespaces feed parsing understands, matched by URI (never by prefix).
enum FeedNamespace: UInt8 {
    case none, rss090, rss10, rdf, atom10, atom03, dc, dcterms, content, media, itunes, feedburner, slash, xhtml, other

    /// Namespace URIs by text: one hash lookup per new element name in a document.
    private static let byURI: [String: FeedNamespace] = [
        "": .none,
        "http://my.netscape.com/rdf/simple/0.9/": .rss090,
        "http://purl.org/rss/1.0/": .rss10,
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#": .rdf,
        "http://www.w3.org/2005/Atom": .atom10,
        "http://purl.org/atom/ns#": .atom03,
        "http://purl.org/dc/elements/1.1/": .dc,
        "http://purl.org/dc/terms/": .dcterms,
        "http://purl.org/rss/1.0/modules/content/": .content,
        "http://search.yahoo.com/mrss/": .media,
        "http://search.yahoo.com/mrss": .media,
        "http://www.itunes.com/dtds/podcast-1.0.dtd": .itunes,
        "http://rssnamespace.org/feedburner/ext/1.0": .feedburner,
        "http://purl.org/rss/1.0/modules/slash/": .slash,
        "http://www.w3.org/1999/xhtml": .xhtml,
    ]

    /// Other URIs real feeds use for the same namespaces (the RSS 2.0 namespaces of UserLand
    /// and Harvard, Apple's and its sample's spellings of the iTunes DTD, Dublin Core 1.0,
    /// Yahoo's video MRSS), matched after ``normalized(_:)``.
    private static let aliases: [String: FeedNamespace] = [
        "http://backend.userland.com/rss2": .none,
        "http://backend.userland.com/rss": .none,
        "http://blogs.law.harvard.edu/tech/rss": .none,
        "http://purl.org/rss/1.0/modules/rss091#": .none,
        "http://example.com/dtds/podcast-1.0.dtd": .itunes,
        "http://purl.org/dc/elements/1.0/": .dc,
        "http://video.search.yahoo.com/mrss": .media,
        "http://search.yahoo.com/rss": .media,
    ]

    /// Every known URI and alias, normalized: a variant in case, scheme or a trailing `/` or
    /// `#` (`http://purl.org/dc/elements/1.1`, `http://www.itunes.com/DTDs/Podcast-1.0.dtd`) matches.
    private static let byNormalizedURI: [String: FeedNamespace] = {
        var out: [String: FeedNamespace] = [:]
        for (uri, ns) in byURI.merging(aliases, uniquingKeysWith: { a, _ in a }) where !uri.isEmpty { out[normalized(uri)] = ns }
        return out
    }()

    /// Lower case, `http:` for `https:`, no trailing `/` or `#`.
    static func normalized(_ uri: String) -> String {
        var s = Substring(uri.lowercased())
        if s.hasPrefix("https://") { s = "http://" + s.dropFirst(8) }
        while let last = s.last, last == "/" || last == "#" || last == " " { s = s.dropLast() }
        return String(s)
    }

    init(uri: String?) {
        guard let uri else { self = .none; return }
        if let exact = FeedNamespace.byURI[uri] { self = exact; return }
        // Any backend.userland.com RSS namespace is RSS 2.0 (what feedparser accepts too).
        if uri.lowercased().contains("backend.userland.com/rss") { self = .none; return }
        self = FeedNamespace.byNormalizedURI[FeedNamespace.normalized(uri)] ?? .other
    }

    /// The namespace a prefix the document never declared (`<itunes:summary>` with no
    /// `xmlns:itunes`) conventionally names; `.other` for any other prefix, so an undeclared
    /// `x:title` is never read as RSS's `title`.
    init(undeclaredPrefix prefix: String) {
        switch prefix.lowercased() {
        case "itunes": self = .itunes
        case "media": self = .media
        case "dc": self = .dc
        case "dcterms": self = .dcterms
        case "content": self = .content
        case "slash": self = .slash
        case "feedburner": self = .feedburner
        default: self = .other
        }
    }

    /// RSS 0.9x/2.0 elements carry no namespace; RSS 0.90 and 1.0 use their own.
    var isRSS: Bool { self == .none || self == .rss090 || self == .rss10 }
    var isAtom: Bool { self == .atom10 || self == .atom03 }
}

/// One element as the feed state machine sees it: a namespace and a known local name.
struct FeedTag: Equatable {
    var ns: FeedNamespace
    var name: FeedName
    /// How the element affects text when it appears inside a captured body (xhtml content).
    var html: HTMLElementKind

    /// True for an element of a module namespace whose children describe it rather than the
    /// entry (everything but RSS's own elements, unknown namespaces, XHTML, `media:group`,
    /// whose children are the entry's media, and `itunes:category`, whose children are the
    /// entry's subcategories).
    var holdsModuleElements: Bool {
        switch ns {
        case .none, .rss090, .rss10, .other, .xhtml: return false
        case .media: return name != .group
        case .itunes: return name != .category
        default: return true
        }
    }
}

/// Local names that matter in some feed namespace; everything else is `.other`.
enum FeedName: UInt8 {
    case other
    case rss, channel, item, title, link, description, guid, pubDate, author, category, enclosure, comments
    case language, image, textinput, source, lastBuildDate
    case RDF, feed, entry, id, updated, published, issued, modified, created, summary, content, name, email, uri
    case url, subtitle, tagline, creator, date, subject, identifier, encoded, thumbnail, group, origLink, keywords, contributor
    case body, managingEditor, webMaster, homepage, fullitem, tags

    /// Local names by text: one hash lookup per new element name in a document.
    private static let byName: [String: FeedName] = [
        "rss": .rss,
        "channel": .channel,
        "item": .item,
        "title": .title,
        "link": .link,
        "description": .description,
        "guid": .guid,
        "pubDate": .pubDate,
        "author": .author,
        "category": .category,
        "enclosure": .enclosure,
        "comments": .comments,
        "language": .language,
        "image": .image,
        "textinput": .textinput,
        "textInput": .textinput,
        "source": .source,
        "lastBuildDate": .lastBuildDate,
        "RDF": .RDF,
        "feed": .feed,
        "entry": .entry,
        "id": .id,
        "updated": .updated,
        "published": .published,
        "issued": .issued,
        "modified": .modified,
        "created": .created,
        "summary": .summary,
        "content": .content,
        "name": .name,
        "email": .email,
        "uri": .uri,
        "url": .url,
        "subtitle": .subtitle,
        "tagline": .tagline,
        "creator": .creator,
        "date": .date,
        "subject": .subject,
        "identifier": .identifier,
        "encoded": .encoded,
        "thumbnail": .thumbnail,
        "group": .group,
        "origLink": .origLink,
        "keywords": .keywords,
        "contributor": .contributor,
        "body": .body,
        "managingEditor": .managingEditor,
        "webMaster": .webMaster,
        "homepage": .homepage,
        "fullitem": .fullitem,
        "tags": .tags,
    ]

    init(_ text: String) {
        self = FeedName.byName[text] ?? .other
    }
}
