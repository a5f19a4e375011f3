/// The XML namespaces feed parsing understands, matched by URI (never by prefix).
enum FeedNamespace: UInt8 {
    case none, rss090, rss10, rdf, atom10, atom03, dc, dcterms, content, media, itunes, feedburner, slash, xhtml, other

    init(uri: String?) {
        guard let uri else { self = .none; return }
        switch uri {
        case "": self = .none
        case "http://my.netscape.com/rdf/simple/0.9/": self = .rss090
        case "http://purl.org/rss/1.0/": self = .rss10
        case "http://www.w3.org/1999/02/22-rdf-syntax-ns#": self = .rdf
        case "http://www.w3.org/2005/Atom": self = .atom10
        case "http://purl.org/atom/ns#": self = .atom03
        case "http://purl.org/dc/elements/1.1/": self = .dc
        case "http://purl.org/dc/terms/": self = .dcterms
        case "http://purl.org/rss/1.0/modules/content/": self = .content
        case "http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss": self = .media
        case "http://www.itunes.com/dtds/podcast-1.0.dtd": self = .itunes
        case "http://rssnamespace.org/feedburner/ext/1.0": self = .feedburner
        case "http://purl.org/rss/1.0/modules/slash/": self = .slash
        case "http://www.w3.org/1999/xhtml": self = .xhtml
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
}

/// Local names that matter in some feed namespace; everything else is `.other`.
enum FeedName: UInt8 {
    case other
    case rss, channel, item, title, link, description, guid, pubDate, author, category, enclosure, comments
    case language, image, textinput, source, lastBuildDate
    case RDF, feed, entry, id, updated, published, issued, modified, created, summary, content, name, email, uri
    case url, subtitle, tagline, creator, date, subject, identifier, encoded, thumbnail, group, origLink, keywords, contributor

    init(_ text: String) {
        switch text {
        case "rss": self = .rss
        case "channel": self = .channel
        case "item": self = .item
        case "title": self = .title
        case "link": self = .link
        case "description": self = .description
        case "guid": self = .guid
        case "pubDate": self = .pubDate
        case "author": self = .author
        case "category": self = .category
        case "enclosure": self = .enclosure
        case "comments": self = .comments
        case "language": self = .language
        case "image": self = .image
        case "textinput", "textInput": self = .textinput
        case "source": self = .source
        case "lastBuildDate": self = .lastBuildDate
        case "RDF": self = .RDF
        case "feed": self = .feed
        case "entry": self = .entry
        case "id": self = .id
        case "updated": self = .updated
        case "published": self = .published
        case "issued": self = .issued
        case "modified": self = .modified
        case "created": self = .created
        case "summary": self = .summary
        case "content": self = .content
        case "name": self = .name
        case "email": self = .email
        case "uri": self = .uri
        case "url": self = .url
        case "subtitle": self = .subtitle
        case "tagline": self = .tagline
        case "creator": self = .creator
        case "date": self = .date
        case "subject": self = .subject
        case "identifier": self = .identifier
        case "encoded": self = .encoded
        case "thumbnail": self = .thumbnail
        case "group": self = .group
        case "origLink": self = .origLink
        case "keywords": self = .keywords
        case "contributor": self = .contributor
        default: self = .other
        }
    }
}
