import ChorusModel
import Foundation

/// JSON Feed wire structs to Items: `content_html` (as HTML) or `content_text` is the text,
/// else `summary`; `url`, else `external_url`; the first of `authors` (1.1) or `author` (1.0).
enum JSONFeedAdapter {
    static func items(_ feed: JSONFeedWire, context: ParseContext) -> (items: [Item], feed: FeedRef?, unparsedDates: Int) {
        let base = context.baseURL ?? feed.feed_url
        let homepage = feed.home_page_url.map { LinkResolver.resolve($0, against: base) }
        let ref = feed.title == nil && homepage == nil && base == nil ? nil : FeedRef(title: clean(feed.title), url: homepage ?? feed.feed_url ?? context.baseURL.flatMap(PublicURL.strip))
        let scope = context.baseURL ?? homepage
        let converter = TextConverter()
        var unparsed = 0
        func date(_ s: String?) -> Date? {
            guard let s else { return nil }
            if let d = DateParser.parse(s) { return d }
            unparsed += 1
            return nil
        }
        let feedAuthor = person(feed.authors?.first ?? feed.author)
        var out: [Item] = []
        for e in feed.items ?? [] {
            let nativeID = e.id
            let url = (e.url ?? e.external_url).map { LinkResolver.resolve($0, against: homepage ?? base) }
            let title = clean(e.title)
            let published = date(e.date_published)
            let text = e.content_html.flatMap { html in
                var html = html
                return html.withUTF8 { converter.plain($0, html: true, raw: true) }
            } ?? clean(e.content_text) ?? clean(e.summary)
            let enclosures = (e.attachments ?? []).prefix(ItemLimits.enclosures).compactMap { a -> Enclosure? in
                guard let u = a.url else { return nil }
                return Enclosure(url: LinkResolver.resolve(u, against: url ?? base), type: a.mime_type,
                                 length: a.size_in_bytes.flatMap(Enclosure.length))
            }
            out.append(Item(
                id: ItemID.forFeedEntry(platform: .jsonfeed, nativeID: nativeID, url: url, title: title, published: published, feedScope: scope),
                source: context.source, platform: .jsonfeed, kind: .article, nativeID: nativeID, url: url, title: title,
                text: text, lang: FeedEntryAdapter.stated(e.language) ?? FeedEntryAdapter.stated(feed.language), author: person(e.authors?.first ?? e.author) ?? feedAuthor,
                publishedAt: published, updatedAt: date(e.date_modified), fetchedAt: context.fetchedAt,
                tags: e.tags ?? [], enclosures: enclosures, feed: ref
            ))
        }
        return (out, ref, unparsed)
    }

    private static func person(_ p: JSONFeedWire.Person?) -> Author? {
        guard let p else { return nil }
        let a = Author(name: clean(p.name), url: p.url)
        return a.isEmpty ? nil : a
    }

    /// Whitespace-collapsed plain text, nil when empty.
    static func clean(_ s: String?) -> String? {
        guard let s else { return nil }
        let acc = TextAccumulator(capacity: s.utf8.count)
        var copy = s
        copy.withUTF8 { acc.append($0) }
        return acc.string()
    }
}
