import ChorusModel
import Foundation

/// Turns an ``EntryDraft`` (plus what it inherits from the channel) into the normalized
/// ``Item``: converts title and body to text, picks the richest body, the best link, the first
/// author, parses dates (counting the ones it cannot read; never substituting "now") and
/// derives the stable id. Used from one thread at a time (the parser's, or the pipeline worker).
final class FeedEntryAdapter {
    let context: ParseContext
    /// The document URL (`context.baseURL`), the first base for links and the id scope.
    let documentBase: String?
    /// Text converter reused for every entry of the document.
    private let text = TextConverter()
    private(set) var unparsedDates = 0

    init(context: ParseContext) {
        self.context = context
        documentBase = context.baseURL.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The entry's title and richest body as plain text (the HTML-heavy part of building an item).
    static func texts(_ d: EntryDraft, using text: TextConverter) -> EntryTexts {
        EntryTexts(
            title: text.line(d.rawTitle) ?? text.line(d.rawDCTitle),
            body: text.plain(d.rawContent) ?? text.plain(d.summary) ?? text.plain(d.dcDescription) ?? text.plain(d.itunesSummary)
                ?? text.plain(d.mediaDescription) ?? text.plain(d.itunesSubtitle)
        )
    }

    /// The Item for `d`; `texts` when its title and body were already converted (see ``texts(_:using:)``).
    /// `d` is `inout` only so that a caller holding it in an array lends it without a copy; it is
    /// not changed.
    func item(from d: inout EntryDraft, channel: ChannelInfo, platform: Platform, texts: EntryTexts? = nil) -> Item {
        let converted = texts ?? FeedEntryAdapter.texts(d, using: text)
        let nativeID = nonEmpty(d.guid) ?? nonEmpty(d.atomID) ?? nonEmpty(d.rdfAbout) ?? nonEmpty(d.dcIdentifier)
        var url = d.origLink ?? d.link
        if url == nil, let guid = d.guid, d.guidIsPermaLink, isWebURL(guid) { url = guid }
        if url == nil, let about = d.rdfAbout, isWebURL(about) { url = about }
        if url == nil { url = d.contentSource }
        let title = converted.title
        var published = date(d.published, d.dcDate, d.created)
        let updated = date(d.updated)
        if published == nil, platform == .atom { published = updated }
        let id = ItemID.forFeedEntry(platform: platform, nativeID: nativeID, url: url, title: title, published: published,
                                     feedScope: channel.scope)
        // Computed first, so that the usual Item (no former url or id) is returned as made:
        // setting the two fields on it made the compiler copy the whole Item and destroy the
        // original (~1,100 instructions an entry, callgrind).
        let formers = former(d, nativeID: nativeID, url: url, title: title, published: published,
                             channel: channel, platform: platform, id: id)
        let item = Item(
            id: id,
            source: context.source,
            platform: platform,
            kind: .article,
            nativeID: nativeID,
            url: url,
            title: title,
            text: converted.body,
            lang: FeedEntryAdapter.language(d, channel: channel),
            author: d.firstAuthor ?? channel.author,
            publishedAt: published,
            updatedAt: updated,
            fetchedAt: context.fetchedAt,
            tags: d.categories,
            enclosures: d.enclosures,
            feed: channel.feed,
            metrics: d.comments.flatMap { Int64($0) }.map { Metrics(replies: $0) }
        )
        if formers.url == nil && formers.id == nil { return item }
        var changed = item
        changed.formerURL = formers.url
        changed.formerID = formers.id
        return changed
    }

    /// A language as stated; nil for an empty one (`xml:lang=""` says the language is unknown,
    /// and the schema never writes `""`).
    static func stated(_ lang: String?) -> String? { lang?.isEmpty == false ? lang : nil }

    /// The entry's language: its own `dc:language`, else its `xml:lang` (inherited), else the
    /// channel's. An empty `xml:lang` says "unknown" and takes back an inherited `xml:lang`,
    /// but not a language the channel declares in an element (`<language>en</language>`).
    static func language(_ d: EntryDraft, channel: ChannelInfo) -> String? {
        if let own = stated(d.dcLanguage) { return own }
        guard let attribute = d.lang else { return stated(channel.lang) }
        return attribute.isEmpty ? stated(channel.declaredLang) : attribute
    }

    /// The url and id the entry had when attribute references were not decoded (an `rdf:about`
    /// or an Atom link holding `&amp;`), each nil when it is the same.
    private func former(_ d: EntryDraft, nativeID: String?, url: String?, title: String?, published: Date?,
                        channel: ChannelInfo, platform: Platform, id: String) -> (url: String?, id: String?) {
        guard d.formerRDFAbout != nil || d.formerLink != nil else { return (nil, nil) }
        var oldNative = nativeID, oldURL = url
        if let former = d.formerRDFAbout, nativeID == d.rdfAbout { oldNative = former }
        if let former = d.formerLink, d.origLink == nil, url == d.link {
            oldURL = former
        } else if let former = d.formerRDFAbout, url == d.rdfAbout {
            oldURL = former
        }
        if oldNative == nativeID && oldURL == url { return (nil, nil) }
        let old = ItemID.forFeedEntry(platform: platform, nativeID: oldNative, url: oldURL, title: title, published: published,
                                      feedScope: channel.scope)
        return (oldURL == url ? nil : oldURL, old == id ? nil : old)
    }

    /// The first of the candidates that parses; a present but unreadable date is counted.
    /// Three parameters, not a variadic one: that built an array at each of two calls per entry.
    private func date(_ first: String?, _ second: String? = nil, _ third: String? = nil) -> Date? {
        var failed = false
        if let text = first {
            if let d = DateParser.parse(text) { return d }
            failed = true
        }
        if let text = second {
            if let d = DateParser.parse(text) { return d }
            failed = true
        }
        if let text = third {
            if let d = DateParser.parse(text) { return d }
            failed = true
        }
        if failed { unparsedDates += 1 }
        return nil
    }

    private func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }

    private func isWebURL(_ s: String) -> Bool { s.hasPrefix("http://") || s.hasPrefix("https://") }
}

/// An entry's title and body as plain text.
struct EntryTexts: Sendable {
    var title: String?
    var body: String?
}
