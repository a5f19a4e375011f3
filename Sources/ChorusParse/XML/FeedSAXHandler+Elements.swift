import ChorusModel
import Foundation

/// What each element means, by namespace and local name: which draft slot its text fills,
/// which attributes become links and enclosures, which subtrees are skipped.
extension FeedSAXHandler {
    func element(_ t: FeedTag, _ attrs: XMLAttributes, inEntry: Bool) {
        switch t.ns {
        case .none, .rss090, .rss10:
            switch t.name {
            case .title: capture(.title, .html, inEntry)
            case .link: capture(.link, .plain, inEntry)
            case .description where inEntry: capture(.summary, .html, inEntry)
            case .guid:
                if inEntry, attrs.value("isPermaLink")?.lowercased() == "false" { entry.guidIsPermaLink = false }
                capture(.guid, .plain, inEntry)
            case .pubDate: capture(.published, .plain, inEntry)
            case .author: capture(.rssAuthor, .plain, inEntry)
            case .managingEditor, .webMaster: if !inEntry { capture(.editor, .plain, inEntry) }
            case .category: capture(.category, .plain, inEntry)
            case .language: capture(.language, .plain, inEntry)
            case .enclosure where inEntry:
                if let url = attrs.value("url") { addEnclosure(url, attrs.value("type"), attrs.value("length")) }
            case .image, .textinput, .source: skipDepth = depth
            // Bodies written without a namespace: `body` as XHTML markup (what `xhtml:body`
            // holds), `fullitem` as escaped HTML. The first body in the item wins.
            case .body where inEntry: capture(.content, .xhtml, inEntry)
            case .fullitem where inEntry: capture(.content, .html, inEntry)
            // A `tags` element some generators write: comma-separated tags.
            case .tags where inEntry: capture(.keywordList, .plain, inEntry)
            default: break
            }
        case .atom10, .atom03:
            if authorDepth > 0 {
                switch t.name {
                case .name: capture(.authorName, .plain, inEntry)
                case .email: capture(.authorEmail, .plain, inEntry)
                case .uri, .url, .homepage: capture(.authorURI, .plain, inEntry)
                default: break
                }
                return
            }
            let kind = { TextKind.atom(type: attrs.value("type"), mode: attrs.value("mode"), atom10: t.ns == .atom10) }
            switch t.name {
            case .title: capture(.title, kind(), inEntry)
            case .link: atomLink(attrs, inEntry: inEntry)
            case .id: capture(.atomID, .plain, inEntry)
            case .updated, .modified: capture(.updated, .plain, inEntry)
            case .published, .issued: capture(.published, .plain, inEntry)
            case .created: capture(.created, .plain, inEntry)
            case .summary: capture(.summary, kind(), inEntry)
            case .content:
                if inEntry, let src = attrs.value("src") { entry.contentSource = LinkResolver.resolve(src, against: currentBase) }
                capture(.content, kind(), inEntry)
            case .author:
                if inEntry ? entry.hasAtomAuthor : channel.hasAtomAuthor { skipDepth = depth } else { authorDepth = depth }
            case .category:
                if let term = attrs.value("term") ?? attrs.value("label"), !term.isEmpty {
                    store(.category, term, inEntry)
                } else {
                    capture(.category, .plain, inEntry)
                }
            case .source, .contributor: skipDepth = depth
            default: break
            }
        case .dc:
            switch t.name {
            case .creator, .author: capture(.dcCreator, .plain, inEntry)
            case .date: capture(.dcDate, .plain, inEntry)
            case .subject: capture(.category, .plain, inEntry)
            case .language: capture(.language, .plain, inEntry)
            case .identifier: capture(.dcIdentifier, .plain, inEntry)
            case .title: capture(.dcTitle, .html, inEntry)
            case .description: capture(.dcDescription, .html, inEntry)
            default: break
            }
        case .dcterms:
            switch t.name {
            case .modified: capture(.updated, .plain, inEntry)
            case .created, .issued: capture(.dcDate, .plain, inEntry)
            default: break
            }
        case .content: if t.name == .encoded { capture(.content, .html, inEntry) }
        case .media where inEntry:
            switch t.name {
            case .content:
                if let url = attrs.value("url") { addEnclosure(url, attrs.value("type"), attrs.value("fileSize")) }
            case .thumbnail:
                if let url = attrs.value("url") { addEnclosure(url, nil, nil) }
            case .description: capture(.mediaDescription, attrs.value("type") == "html" ? .html : .plain, inEntry)
            // The entry's own media:title and media:category (inside media:content they are
            // the medium's, and never reach here): a fallback title, and tags.
            case .title: capture(.dcTitle, attrs.value("type") == "html" ? .html : .plain, inEntry)
            case .category: capture(.category, .plain, inEntry)
            case .keywords: capture(.keywordList, .plain, inEntry)
            default: break
            }
        case .itunes:
            switch t.name {
            case .author: capture(.itunesAuthor, .plain, inEntry)
            case .summary: capture(.itunesSummary, .plain, inEntry)
            case .subtitle where inEntry: capture(.itunesSubtitle, .plain, inEntry)
            // The category is the `text` attribute; a nested one is a subcategory, a tag too.
            case .category where inEntry:
                if let term = attrs.value("text")?.trimmingCharacters(in: .whitespacesAndNewlines), !term.isEmpty {
                    store(.category, term, inEntry)
                }
            case .keywords where inEntry: capture(.keywordList, .plain, inEntry)
            default: break
            }
        case .feedburner: if t.name == .origLink { capture(.origLink, .plain, inEntry) }
        case .slash: if t.name == .comments { capture(.comments, .plain, inEntry) }
        case .xhtml: if inEntry, t.name == .body { capture(.content, .xhtml, inEntry) }
        default: break
        }
    }

    private func atomLink(_ attrs: XMLAttributes, inEntry: Bool) {
        guard let (href, formerHref) = attrs.valueAndFormer("href") else { return }
        let url = LinkResolver.resolve(href, against: currentBase)
        let rel = attrs.value("rel") ?? "alternate"
        switch rel {
        case "alternate", "http://www.iana.org/assignments/relation/alternate":
            let type = attrs.value("type")?.lowercased()
            let rank = type == nil || type == "text/html" || type == "application/xhtml+xml" ? 0 : 1
            if inEntry {
                entry.offerLink(url, rank: rank, former: formerHref.map { LinkResolver.resolve($0, against: currentBase) })
            } else {
                channel.offerLink(url, rank: rank)
            }
        case "enclosure":
            if inEntry { entry.addEnclosure(Enclosure(url: url, type: attrs.value("type"), length: attrs.value("length").flatMap { Int64($0) })) }
        default: break
        }
    }

    private func addEnclosure(_ url: String, _ type: String?, _ length: String?) {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        let resolved = LinkResolver.resolve(trimmed, against: currentBase)
        let size = length.flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 > 0 ? $0 : nil }
        entry.addEnclosure(Enclosure(url: resolved, type: type.flatMap { $0.isEmpty ? nil : $0 }, length: size))
    }
}
