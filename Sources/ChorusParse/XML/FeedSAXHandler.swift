import CLibXML2
import ChorusModel
import Foundation

/// The feed state machine behind ``XMLPushParser``: recognises the root (RSS, RDF, Atom),
/// tracks xml:base and xml:lang scopes, captures the text of the elements that matter into an
/// ``EntryDraft`` and hands each finished entry to ``FeedEntryAdapter``. It holds at most one
/// entry at a time, so memory stays flat however long the document is.
final class FeedSAXHandler {
    /// Set by the push parser once the context exists; used to keep entity decoding alive in recover mode.
    var ctxt: xmlParserCtxtPtr?
    let adapter: FeedEntryAdapter
    private let onItem: (Item) -> Void
    private(set) var platform: Platform?
    private(set) var rootName: String?
    private(set) var errorCount = 0
    private(set) var warnings: [String] = []
    private(set) var itemCount = 0
    /// Set once libxml2 reports bytes that do not match the declared encoding.
    var sawInvalidEncoding = false
    /// The detected platform when it differs from a forced one.
    private(set) var mismatch: Platform?

    private var tags = PointerCache<FeedTag>(capacity: 64)
    private let entities = HTMLEntityTable()
    private var depth = 0
    private var skipDepth = 0
    private var entryDepth = 0
    private var authorDepth = 0
    private var entry = EntryDraft()
    private(set) var channel = EntryDraft()
    private var bases: [(depth: Int, url: String)] = []
    private var langs: [(depth: Int, lang: String)] = []
    private var field = DraftField.none
    private var fieldInEntry = false
    private var captureDepth = 0
    private var captureKind = TextKind.plain
    private var captureNested = false
    /// Capturing without collapsing whitespace (HTML and base64 bodies: their converter does it).
    private var captureRaw = false
    private var hiddenDepth = 0
    private let text = TextAccumulator(capacity: 4096)

    init(adapter: FeedEntryAdapter, onItem: @escaping (Item) -> Void) {
        self.adapter = adapter
        self.onItem = onItem
    }

    /// Runs `body` with the handler behind libxml2's userData, without retain/release traffic.
    @inline(__always)
    static func with<R>(_ ctx: UnsafeMutableRawPointer?, _ body: (FeedSAXHandler) -> R) -> R {
        // Lifetime: see XMLPushParser.start(); userData is always this handler, alive for the whole parse.
        Unmanaged<FeedSAXHandler>.fromOpaque(ctx!)._withUnsafeGuaranteedRef(body)
    }

    private func tag(_ local: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?) -> FeedTag {
        // libxml2 interns names and namespace URIs in the context's dictionary, so a pointer
        // pair identifies a name for the life of the context.
        let key = UInt(bitPattern: local), key2 = UInt(bitPattern: uri)
        if let hit = tags.value(key, key2) { return hit }
        let name = String(cString: local)
        let resolved = FeedTag(ns: FeedNamespace(uri: uri.map { String(cString: $0) }), name: FeedName(name),
                               html: HTMLElementKind(lowercased: name.lowercased()))
        tags.insert(key, key2, resolved)
        return resolved
    }

    /// The base URL in effect: innermost xml:base, else the document URL, else the feed link.
    var currentBase: String? { bases.last?.url ?? adapter.documentBase ?? channel.link }

    func startElement(_ local: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ attrs: XMLAttributes) {
        depth += 1
        guard let local, skipDepth == 0 else { return }
        let t = tag(local, uri)
        if field != .none {
            captureNested = true
            if t.html == .hidden { hiddenDepth += 1 }
            if t.html != .inline { text.separate() }
            return
        }
        if attrs.count > 0 {
            if let b = attrs.xml("base") { bases.append((depth, LinkResolver.resolve(b, against: currentBase))) }
            if let l = attrs.xml("lang") { langs.append((depth, l)) }
        }
        if depth == 1 { root(t, local); return }
        guard let platform else { return }
        if entryDepth == 0 {
            let isEntry = platform == .atom ? (t.ns.isAtom && t.name == .entry) : (t.ns.isRSS && t.name == .item)
            if isEntry {
                entryDepth = depth
                entry = EntryDraft()
                entry.lang = langs.last?.lang
                if platform == .rdf { entry.rdfAbout = attrs.value("about", uri: "http://www.w3.org/1999/02/22-rdf-syntax-ns#") }
                return
            }
        }
        element(t, attrs, inEntry: entryDepth > 0)
    }

    private func root(_ t: FeedTag, _ local: UnsafePointer<xmlChar>) {
        switch (t.ns, t.name) {
        case (.none, .rss): platform = .rss
        case (.rdf, .RDF): platform = .rdf
        case (.atom10, .feed), (.atom03, .feed): platform = .atom
        default: rootName = String(cString: local)
        }
        // A forced platform that does not match the root: emit nothing (finish() reports it).
        if let forced = adapter.context.platform, let found = platform, forced != found {
            mismatch = found
            platform = nil
        }
        channel.lang = langs.last?.lang
    }

    private func element(_ t: FeedTag, _ attrs: XMLAttributes, inEntry: Bool) {
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
            case .category: capture(.category, .plain, inEntry)
            case .language: capture(.language, .plain, inEntry)
            case .enclosure where inEntry:
                if let url = attrs.value("url") { addEnclosure(url, attrs.value("type"), attrs.value("length")) }
            case .image, .textinput, .source: skipDepth = depth
            default: break
            }
        case .atom10, .atom03:
            if authorDepth > 0 {
                switch t.name {
                case .name: capture(.authorName, .plain, inEntry)
                case .email: capture(.authorEmail, .plain, inEntry)
                case .uri, .url: capture(.authorURI, .plain, inEntry)
                default: break
                }
                return
            }
            let kind = { TextKind.atom(type: attrs.value("type"), mode: attrs.value("mode")) }
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
            case .creator: capture(.dcCreator, .plain, inEntry)
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
            default: break
            }
        case .itunes:
            switch t.name {
            case .author: capture(.itunesAuthor, .plain, inEntry)
            case .summary: capture(.itunesSummary, .plain, inEntry)
            default: break
            }
        case .feedburner: if t.name == .origLink { capture(.origLink, .plain, inEntry) }
        case .slash: if t.name == .comments { capture(.comments, .plain, inEntry) }
        default: break
        }
    }

    private func atomLink(_ attrs: XMLAttributes, inEntry: Bool) {
        guard let href = attrs.value("href") else { return }
        let url = LinkResolver.resolve(href, against: currentBase)
        let rel = attrs.value("rel") ?? "alternate"
        switch rel {
        case "alternate", "http://www.iana.org/assignments/relation/alternate":
            let type = attrs.value("type")?.lowercased()
            let rank = type == nil || type == "text/html" || type == "application/xhtml+xml" ? 0 : 1
            if inEntry { entry.offerLink(url, rank: rank) } else { channel.offerLink(url, rank: rank) }
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

    private func capture(_ f: DraftField, _ kind: TextKind, _ inEntry: Bool) {
        field = f
        fieldInEntry = inEntry
        captureDepth = depth
        captureKind = kind
        captureNested = false
        captureRaw = kind == .html || kind == .base64HTML || kind == .base64Plain
        hiddenDepth = 0
        text.reset()
    }

    private func store(_ f: DraftField, _ value: String, _ inEntry: Bool) {
        if inEntry { entry.set(f, value) } else { channel.set(f, value) }
    }

    func endElement(_ local: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        defer {
            if let last = bases.last, last.depth == depth { bases.removeLast() }
            if let last = langs.last, last.depth == depth { langs.removeLast() }
            depth -= 1
        }
        if skipDepth > 0 {
            if depth == skipDepth { skipDepth = 0 }
            return
        }
        if field != .none {
            if depth == captureDepth {
                finishCapture()
            } else if let local {
                let t = tag(local, uri)
                if t.html == .hidden, hiddenDepth > 0 { hiddenDepth -= 1 }
                if t.html != .inline { text.separate() }
            }
            return
        }
        if depth == authorDepth { authorDepth = 0 }
        if depth == entryDepth {
            entryDepth = 0
            itemCount += 1
            onItem(adapter.item(from: entry, channel: channel, platform: platform ?? .rss))
        }
    }

    private func finishCapture() {
        let f = field
        field = .none
        var html = captureKind == .html || captureKind == .base64HTML
        if captureKind == .base64Plain || captureKind == .base64HTML {
            let decoded = Data(base64Encoded: Data(text.buffer), options: .ignoreUnknownCharacters).map { [UInt8]($0) } ?? []
            text.reset()
            text.appendRaw(decoded)
        }
        // Text gathered from child elements (xhtml, or raw markup in a broken feed) is already text.
        if captureNested { html = false }
        // Invalid UTF-8 only reaches here from a document whose declared encoding is wrong.
        if sawInvalidEncoding { text.repairEncoding() }
        if fieldInEntry, f.isFallbackBody {
            entry.set(f, RawText(bytes: Array(text.buffer), html: html, raw: captureRaw))
            return
        }
        guard var value = adapter.plain(text.buffer, html: html, raw: captureRaw) else { return }
        if f == .link || f == .origLink { value = LinkResolver.resolve(value, against: currentBase) }
        store(f, value, fieldInEntry)
    }

    func characters(_ ch: UnsafePointer<xmlChar>?, _ len: Int) {
        guard field != .none, hiddenDepth == 0, skipDepth == 0, let ch, len > 0 else { return }
        let chunk = UnsafeBufferPointer(start: ch, count: len)
        if captureRaw { text.appendRaw(chunk) } else { text.append(chunk) }
    }

    func entity(_ name: UnsafePointer<xmlChar>?) -> xmlEntityPtr? {
        guard let name else { return nil }
        // libxml2 stops inlining entities once the document is known not to be well-formed;
        // recover mode should keep decoding them, and the errors are already counted.
        if errorCount > 0, let ctxt { ctxt.pointee.wellFormed = 1 }
        if let predefined = xmlGetPredefinedEntity(name) { return predefined }
        return entities.entity(name)
    }

    func error(_ e: xmlErrorPtr) {
        FeedErrorRecovery.handle(e.pointee, handler: self)
    }

    /// Records one libxml2 error (for the recovered flag and the warnings).
    func record(line: Int32, message: String) {
        errorCount += 1
        if warnings.count < 5 { warnings.append("line \(line): \(message)") }
    }

    /// Whether text is being captured (recover mode then restores literal `&` and `<`).
    var isCapturing: Bool { field != .none && hiddenDepth == 0 && skipDepth == 0 }

    /// Appends text libxml2 dropped while recovering (a bare `&`, an unknown entity).
    func appendLiteral(_ bytes: UnsafeBufferPointer<UInt8>) {
        if isCapturing { if captureRaw { text.appendRaw(bytes) } else { text.append(bytes) } }
    }
}
