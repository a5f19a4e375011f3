import ChorusModel
import Foundation

/// Turns an ``EntryDraft`` (plus the channel's draft) into the normalized ``Item``: picks the
/// richest body, the best link, the first author, parses dates (counting the ones it cannot
/// read; never substituting "now") and derives the stable id.
final class FeedEntryAdapter {
    let context: ParseContext
    /// The document URL (`context.baseURL`), the first base for links and the id scope.
    let documentBase: String?
    /// HTML-to-text converter reused for every field of the document.
    let extractor = HTMLTextExtractor()
    private let scratch = TextAccumulator(capacity: 1024)
    private(set) var unparsedDates = 0

    init(context: ParseContext) {
        self.context = context
        documentBase = context.baseURL.flatMap { $0.isEmpty ? nil : $0 }
    }

    func item(from d: EntryDraft, channel: EntryDraft, platform: Platform) -> Item {
        let nativeID = nonEmpty(d.guid) ?? nonEmpty(d.atomID) ?? nonEmpty(d.rdfAbout) ?? nonEmpty(d.dcIdentifier)
        var url = d.origLink ?? d.link
        if url == nil, let guid = d.guid, d.guidIsPermaLink, isWebURL(guid) { url = guid }
        if url == nil, let about = d.rdfAbout, isWebURL(about) { url = about }
        if url == nil { url = d.contentSource }
        let title = d.title ?? d.dcTitle
        var published = date(d.published, d.dcDate, d.created)
        let updated = date(d.updated)
        if published == nil, platform == .atom { published = updated }
        let feed = FeedRef(title: channel.title ?? channel.dcTitle, url: channel.link ?? documentBase)
        return Item(
            id: ItemID.forFeedEntry(platform: platform, nativeID: nativeID, url: url, title: title, published: published,
                                    feedScope: documentBase ?? channel.link),
            source: context.source,
            platform: platform,
            kind: .article,
            nativeID: nativeID,
            url: url,
            title: title,
            text: d.content ?? plain(d.summary) ?? plain(d.dcDescription) ?? plain(d.itunesSummary) ?? plain(d.mediaDescription),
            lang: d.dcLanguage ?? d.lang ?? channel.dcLanguage ?? channel.lang,
            author: author(d) ?? author(channel),
            publishedAt: published,
            updatedAt: updated,
            fetchedAt: context.fetchedAt,
            tags: d.categories,
            enclosures: d.enclosures,
            feed: feed.title == nil && feed.url == nil ? nil : feed,
            metrics: d.comments.flatMap { Int64($0) }.map { Metrics(replies: $0) }
        )
    }

    /// Plain text of captured bytes: HTML through the extractor, raw text whitespace-collapsed.
    func plain(_ bytes: UnsafeBufferPointer<UInt8>, html: Bool, raw: Bool) -> String? {
        if html { return extractor.plainText(bytes) }
        if !raw { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
        scratch.reset()
        scratch.append(bytes)
        return scratch.string()
    }

    private func plain(_ text: RawText?) -> String? {
        guard let text else { return nil }
        return text.bytes.withUnsafeBufferPointer { plain($0, html: text.html, raw: text.raw) }
    }

    /// The first author the entry names, in the order Atom, RSS author, dc:creator, itunes:author.
    private func author(_ d: EntryDraft) -> Author? {
        if d.hasAtomAuthor {
            var a = Author(name: d.authorName, url: d.authorURI, email: d.authorEmail)
            if a.name == nil, let email = a.email, let parsed = AuthorParser.parse(email) { a.name = parsed.name; a.email = parsed.email }
            return a
        }
        for raw in [d.rssAuthor, d.dcCreator, d.itunesAuthor] {
            if let raw, let a = AuthorParser.parse(raw) { return a }
        }
        return nil
    }

    /// The first of the candidates that parses; a present but unreadable date is counted.
    private func date(_ candidates: String?...) -> Date? {
        var failed = false
        for case let text? in candidates {
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
