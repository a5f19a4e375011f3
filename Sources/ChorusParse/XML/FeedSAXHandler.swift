import CLibXML2
import CLibXML2Shim
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
    /// Receives each finished entry with what it inherits from the channel.
    private let onEntry: (consuming EntryDraft, consuming ChannelInfo, Platform) -> Void
    /// Converts channel-level text on the parser's own thread.
    private let converter = TextConverter()
    private(set) var platform: Platform?
    private(set) var rootName: String?
    private(set) var errorCount = 0
    private(set) var warnings: [String] = []
    private(set) var itemCount = 0
    /// Entries to read but not hand on (a second pass over a repaired document skips those
    /// the first pass delivered).
    var skipEntries = 0
    /// Entries in which libxml2 reported an error.
    private(set) var damagedEntries = 0
    private var entryHadError = false
    /// True when libxml2 reported content after the root element closed (an unbalanced end
    /// tag closed it early, and the rest was lost).
    private(set) var rootClosedEarly = false
    /// Set once libxml2 reports bytes that do not match the declared encoding.
    var sawInvalidEncoding = false
    /// The detected platform when it differs from a forced one.
    private(set) var mismatch: Platform?
    /// True for an Atom document whose root `feed` has no namespace (written without the
    /// Atom `xmlns`): its namespace-less elements are read as Atom 1.0's.
    private var namelessAtom = false

    // @exclusivity(unchecked) on the state touched at every element: the handler is used by one
    // thread, from libxml2's callbacks only, never reentrantly, so the runtime's dynamic
    // exclusivity checks (3% of all instructions on the benchmark feed, callgrind) prove nothing.
    @exclusivity(unchecked) private var tags = PointerCache<FeedTag>(capacity: 64)
    private let entities = HTMLEntityTable()
    private(set) var depth = 0
    var skipDepth = 0
    private var entryDepth = 0
    var authorDepth = 0
    /// Depth of the feed's root element (1, or deeper inside an XHTML wrapper), once found.
    private var rootDepth = 0
    /// True once the feed root has closed: anything after it is not the feed's.
    private var feedClosed = false
    /// Depth of a module element that holds other elements (`media:content`, `media:credit`,
    /// `itunes:owner`, …): what it holds describes it, not the entry, and is skipped.
    private var containerDepth = 0
    private var containerIsMedia = false
    @exclusivity(unchecked) var entry = EntryDraft()
    /// False while ``entry`` is a fresh `EntryDraft()` (at the start, and after each finished
    /// entry was swapped out of it): a new entry then skips replacing it, whose destruction
    /// (every field checked) cost ~590 instructions an entry (callgrind).
    private var entryUsed = false
    var channel = EntryDraft() {
        didSet { channelCache = nil }
    }
    /// ``channelInfo`` as last computed, until the channel changes (entries share it).
    private var channelCache: ChannelInfo?
    @exclusivity(unchecked) private var bases: [(depth: Int, url: String)] = []
    @exclusivity(unchecked) private var langs: [(depth: Int, lang: String)] = []
    private var field = DraftField.none
    private var fieldInEntry = false
    private var captureDepth = 0
    private var captureKind = TextKind.plain
    private var captureNested = false
    /// Elements started inside the captured one (an XHTML body's wrapper `div` is one).
    private var nestedCount = 0
    /// Capturing without collapsing whitespace (HTML and base64 bodies: their converter does it).
    private var captureRaw = false
    private var hiddenDepth = 0
    private let text = TextAccumulator(capacity: 4096)

    init(adapter: FeedEntryAdapter, onEntry: @escaping (consuming EntryDraft, consuming ChannelInfo, Platform) -> Void) {
        self.adapter = adapter
        self.onEntry = onEntry
    }

    /// Runs `body` with the handler behind libxml2's userData, without retain/release traffic.
    @inline(__always)
    static func with<R>(_ ctx: UnsafeMutableRawPointer?, _ body: (FeedSAXHandler) -> R) -> R {
        // Lifetime: see XMLPushParser.start(); userData is always this handler, alive for the whole parse.
        Unmanaged<FeedSAXHandler>.fromOpaque(ctx!)._withUnsafeGuaranteedRef(body)
    }

    private func tag(_ local: UnsafePointer<xmlChar>, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) -> FeedTag {
        // libxml2 interns names, prefixes and namespace URIs in the context's dictionary, so a
        // pointer pair identifies a name for the life of the context. A prefix stands in for
        // the URI only when it was never declared (libxml2 then gives no URI).
        let key = UInt(bitPattern: local), key2 = UInt(bitPattern: uri ?? prefix)
        if let hit = tags.value(key, key2) { return hit }
        let name = String(cString: local)
        var ns: FeedNamespace
        if uri == nil, let prefix {
            ns = FeedNamespace(undeclaredPrefix: String(cString: prefix))
        } else {
            ns = FeedNamespace(uri: uri.map { String(cString: $0) })
        }
        if namelessAtom, ns == .none { ns = .atom10 }
        let resolved = FeedTag(ns: ns, name: FeedName(name),
                               html: HTMLElementKind(lowercased: name.utf8.contains { $0 >= 65 && $0 <= 90 } ? name.lowercased() : name))
        tags.insert(key, key2, resolved)
        return resolved
    }

    /// The base URL in effect: innermost xml:base, else the document URL, else the feed link.
    var currentBase: String? { bases.last?.url ?? adapter.documentBase ?? channel.link }

    func startElement(_ local: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
                      _ attrs: XMLAttributes) {
        depth += 1
        guard let local, skipDepth == 0 else { return }
        let t = tag(local, prefix, uri)
        if field != .none {
            captureNested = true
            nestedCount += 1
            if t.html == .hidden { hiddenDepth += 1 }
            // Markup written unescaped into an HTML field is text now (see finishCapture):
            // what came before it is folded, so the elements' line breaks are kept.
            if captureRaw, captureKind == .html {
                text.fold()
                captureRaw = false
            }
            text.boundary(t.html)
            return
        }
        if attrs.count > 0 {
            if let b = attrs.xml("base") { bases.append((depth, LinkResolver.resolve(b, against: currentBase))) }
            if let l = attrs.xml("lang") { langs.append((depth, l)) }
        }
        if rootDepth == 0 {
            // The root, or a feed root inside a wrapper (an XHTML page holding an Atom feed).
            if depth == 1 || FeedSAXHandler.isFeedRoot(t) { root(t, local) }
            return
        }
        guard let platform, !feedClosed else { return }
        if entryDepth == 0 {
            // An `item` right under an Atom `feed` is an entry too (generators that mix the
            // formats), when it is in the Atom namespace: in a feed written without it, `item`
            // is RSS's.
            let isEntry = platform == .atom
                ? (t.ns.isAtom && (t.name == .entry || (t.name == .item && depth == rootDepth + 1 && !namelessAtom)))
                : (t.ns.isRSS && t.name == .item)
            if isEntry {
                entryDepth = depth
                // An entry is never a module element's content (a container left unclosed).
                containerDepth = 0
                entryHadError = false
                if entryUsed { entry = EntryDraft() }
                entryUsed = true
                entry.lang = langs.last?.lang
                if platform == .rdf, let about = attrs.valueAndFormer("about", uri: "http://www.w3.org/1999/02/22-rdf-syntax-ns#") {
                    entry.rdfAbout = about.value
                    entry.formerRDFAbout = about.former
                }
                return
            }
        }
        // Module elements belong to their parent: inside a module element that holds others
        // (a dc:identifier inside media:content) nothing is the entry's or the channel's.
        if containerDepth > 0 {
            // Media inside media (a media:content's own thumbnails) is still the entry's media.
            guard containerIsMedia, t.ns == .media, t.name == .thumbnail || t.name == .content else { return }
            element(t, attrs, inEntry: entryDepth > 0)
            return
        }
        element(t, attrs, inEntry: entryDepth > 0)
        if field == .none, skipDepth == 0, depth != authorDepth, t.holdsModuleElements {
            containerDepth = depth
            containerIsMedia = t.ns == .media
        }
    }

    /// True for the root elements of the feed formats (`rss`, `rdf:RDF`, Atom `feed`).
    private static func isFeedRoot(_ t: FeedTag) -> Bool {
        switch (t.ns, t.name) {
        case (.none, .rss), (.rdf, .RDF), (.atom10, .feed), (.atom03, .feed): return true
        default: return false
        }
    }

    private func root(_ t: FeedTag, _ local: UnsafePointer<xmlChar>) {
        switch (t.ns, t.name) {
        case (.none, .rss): platform = .rss
        case (.rdf, .RDF): platform = .rdf
        case (.atom10, .feed), (.atom03, .feed): platform = .atom
        case (.none, .feed) where depth == 1:
            // Only as the document's root: a namespace-less `feed` inside something else is not a feed.
            platform = .atom
            namelessAtom = true
        default:
            if depth == 1 { rootName = String(cString: local) }
            return
        }
        rootDepth = depth
        // A forced platform that does not match the root: emit nothing (finish() reports it).
        if let forced = adapter.context.platform, let found = platform, forced != found {
            mismatch = found
            platform = nil
        }
        channel.lang = langs.last?.lang
    }

    func capture(_ f: DraftField, _ kind: TextKind, _ inEntry: Bool) {
        field = f
        fieldInEntry = inEntry
        captureDepth = depth
        captureKind = kind
        captureNested = false
        nestedCount = 0
        captureRaw = kind == .html || kind == .base64HTML || kind == .base64Plain
        hiddenDepth = 0
        text.reset()
    }

    func store(_ f: DraftField, _ value: String, _ inEntry: Bool) {
        if inEntry { entry.set(f, value) } else { channel.set(f, value) }
    }

    func endElement(_ local: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        defer {
            // Checked through the depth alone: reading `.last` would copy (retain) its string
            // at every end tag.
            if !bases.isEmpty, bases[bases.count - 1].depth == depth { bases.removeLast() }
            if !langs.isEmpty, langs[langs.count - 1].depth == depth { langs.removeLast() }
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
                let t = tag(local, prefix, uri)
                if t.html == .hidden, hiddenDepth > 0 { hiddenDepth -= 1 }
                text.boundary(t.html)
            }
            return
        }
        if depth == authorDepth { authorDepth = 0 }
        if depth == containerDepth { containerDepth = 0 }
        if depth == rootDepth { feedClosed = true }
        if depth == entryDepth {
            entryDepth = 0
            itemCount += 1
            if entryHadError { damagedEntries += 1 }
            guard itemCount > skipEntries else {
                entry = EntryDraft()
                entryUsed = false
                return
            }
            // Moved out, not copied: the receiver holds the only reference to its fields.
            var finished = EntryDraft()
            swap(&finished, &entry)
            entryUsed = false
            onEntry(consume finished, channelInfo, platform ?? .rss)
        }
    }

    /// The channel's title, link, language and author as entries inherit them.
    var channelInfo: ChannelInfo {
        if let channelCache { return channelCache }
        let info = makeChannelInfo()
        channelCache = info
        return info
    }

    private func makeChannelInfo() -> ChannelInfo {
        let title = channel.title ?? channel.dcTitle
        let url = channel.link ?? adapter.documentBase.flatMap(PublicURL.strip)
        return ChannelInfo(feed: title == nil && url == nil ? nil : FeedRef(title: title, url: url),
                           scope: adapter.documentBase ?? channel.link, lang: channel.dcLanguage ?? channel.lang,
                           declaredLang: channel.dcLanguage, author: channel.firstAuthor)
    }

    /// The bytes base64 `encoded` stands for when they are UTF-8 text, else nil. Blanks and line
    /// breaks are skipped and missing `=` padding is supplied, as feeds write both.
    static func base64Text<Bytes: Sequence<UInt8>>(_ encoded: Bytes) -> [UInt8]? {
        var compact = encoded.filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        while compact.count % 4 != 0 { compact.append(0x3D) }
        guard let data = Data(base64Encoded: Data(compact)) else { return nil }
        let bytes = [UInt8](data)
        return String(validating: bytes, as: UTF8.self) == nil ? nil : bytes
    }

    private func finishCapture() {
        let f = field
        field = .none
        var html = captureKind == .html || captureKind == .base64HTML
        if captureKind == .base64Plain || captureKind == .base64HTML {
            // Only UTF-8 text counts: base64 of an image or of another encoding is no text, so
            // the element gives none (and a summary beside it stays the entry's text).
            guard let decoded = Self.base64Text(text.buffer) else {
                text.reset()
                return
            }
            text.reset()
            text.appendRaw(decoded)
        }
        // Text gathered from child elements (xhtml, or raw markup in a broken feed) is already
        // text; but an XHTML wrapper div holding only escaped markup holds HTML, and so does
        // an XHTML capture with no element at all (CDATA or escaped markup in a bare `body`).
        if captureNested {
            html = captureKind == .xhtml && nestedCount == 1
        } else if captureKind == .xhtml {
            html = true
        }
        // Invalid UTF-8 only reaches here from a document whose declared encoding is wrong.
        if sawInvalidEncoding { text.repairEncoding() }
        if fieldInEntry, f.isDeferred {
            entry.set(f, RawText(bytes: text.copyBytes(), html: html, raw: captureRaw))
            return
        }
        // Every field stored here is one line (channel title, names, links, ids).
        guard var value = converter.plain(text.buffer, html: html, raw: captureRaw).map(TextConverter.oneLine) else { return }
        if f == .link || f == .origLink || f == .authorURI { value = LinkResolver.resolve(value, against: currentBase) }
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
        if errorCount > 0, let ctxt { chorus_xml_ctxt_keep_inlining(ctxt) }
        if let predefined = xmlGetPredefinedEntity(name) { return predefined }
        // Inside a start tag the reference belongs to an attribute value: kept as written for
        // AttributeValueDecoder (libxml2 would cut a multi-byte character to its first byte).
        if let ctxt, chorus_xml_ctxt_in_start_tag(ctxt) != 0 {
            return entities.reference(name)
        }
        return entities.entity(name)
    }

    func error(_ e: xmlErrorPtr) {
        FeedErrorRecovery.handle(e, handler: self)
    }

    /// Records one libxml2 error (for the recovered flag and the warnings).
    func record(line: Int32, message: String, code: Int32 = 0) {
        errorCount += 1
        if entryDepth > 0 { entryHadError = true }
        if code == Int32(XML_ERR_DOCUMENT_END.rawValue) { rootClosedEarly = true }
        if warnings.count < 5 { warnings.append("line \(line): \(message)") }
    }

    /// True when libxml2 lost part of the document: it stopped with elements open (a bare
    /// `<` halts it, a cut ends it) or closed the root early. ``XMLRepair`` then gets a try.
    var lostContent: Bool { errorCount > 0 && (depth > 0 || rootClosedEarly) }

    /// Whether text is being captured (recover mode then restores literal `&` and `<`).
    var isCapturing: Bool { field != .none && hiddenDepth == 0 && skipDepth == 0 }

    /// Appends text libxml2 dropped while recovering (a bare `&`, an unknown entity).
    func appendLiteral(_ bytes: UnsafeBufferPointer<UInt8>) {
        if isCapturing { if captureRaw { text.appendRaw(bytes) } else { text.append(bytes) } }
    }
}
