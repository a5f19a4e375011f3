import CLibXML2
import CLibXML2Shim

/// Turns HTML fragments into plain text with libxml2's HTML parser driven through SAX: no
/// tree is built, script and style bodies are dropped, entities are decoded by libxml2,
/// block elements end a line (``HTMLElementKind``), link text is kept. One parser context is reused for every
/// fragment, so an extractor is cheap per call but must not be shared between threads.
final class HTMLTextExtractor {
    private var ctxt: htmlParserCtxtPtr?
    private let out = TextAccumulator(capacity: 1024)
    /// Element kinds by name pointer: the HTML parser interns names in its dictionary, which
    /// lives as long as the reused context.
    private var kinds = PointerCache<HTMLElementKind>(capacity: 64)
    /// Depth inside elements whose text is not content (`<head>`, `<title>` of a full page, `<noscript>`).
    fileprivate var hiddenDepth = 0
    /// Hidden elements (``HTMLElementKind/closable``) this fragment never closes: their start
    /// tags hide nothing, so an unclosed `<object>` does not swallow the rest.
    private var unclosed: [String] = []

    init() {
        LibXML2Setup.ensure()
        var sax = xmlSAXHandler()
        sax.startElement = { ctx, name, _ in HTMLTextExtractor.with(ctx) { $0.start(ctx, name) } }
        sax.endElement = { ctx, name in HTMLTextExtractor.with(ctx) { $0.end(ctx, name) } }
        sax.characters = { ctx, ch, len in HTMLTextExtractor.with(ctx) { $0.text(ch, len) } }
        sax.ignorableWhitespace = sax.characters
        // Script and style bodies arrive as CDATA blocks in the HTML parser: dropped.
        sax.cdataBlock = { _, _, _ in }
        sax.serror = { _, _ in }
        sax.initialized = 0
        // Lifetime: the context holds self without retaining it; it is freed in deinit, so no
        // callback can run after self is gone.
        let owner = Unmanaged.passUnretained(self).toOpaque()
        ctxt = withUnsafePointer(to: &sax) { chorus_html_ctxt_new($0, owner) }?.assumingMemoryBound(to: htmlParserCtxt.self)
    }

    deinit {
        if let ctxt { htmlFreeParserCtxt(ctxt) }
    }

    /// The plain text of the UTF-8 HTML fragment, or nil when it has none.
    func plainText(_ html: UnsafeBufferPointer<UInt8>) -> String? {
        out.reset()
        if !HTMLTextExtractor.hasMarkup(html) {
            out.append(html)
            return out.string()
        }
        guard let ctxt, let base = html.baseAddress, html.count < Int(Int32.max) else {
            out.append(html)
            return out.string()
        }
        hiddenDepth = 0
        let scan = HTMLTextExtractor.scanTags(html)
        unclosed = scan.unclosedHidden
        // A declaration that never ends (`see <!DOCTYPE` cut off, or an article about HTML
        // that ends on it) is text: libxml2 would take it, and all that follows, as a doctype.
        var markupCount = html.count
        if let open = scan.lastDeclaration, !html[open...].contains(UInt8(ascii: ">")) { markupCount = open }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        if markupCount > 0 {
            base.withMemoryRebound(to: CChar.self, capacity: markupCount) { chars in
                // The caller owns the document the read returns (none with these callbacks).
                if let doc = htmlCtxtReadMemory(ctxt, chars, Int32(markupCount), nil, "UTF-8", options) { xmlFreeDoc(doc) }
            }
        }
        if markupCount < html.count {
            out.append(UnsafeBufferPointer(rebasing: html[markupCount...]))
        }
        return out.string()
    }

    /// The plain text of an HTML string.
    func plainText(_ html: String) -> String? {
        var copy = html
        return copy.withUTF8 { plainText($0) }
    }

    /// True when the bytes hold a tag or an entity, i.e. need the HTML parser at all.
    static func hasMarkup(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in bytes where c == UInt8(ascii: "<") || c == UInt8(ascii: "&") { return true }
        return false
    }

    /// What one pass over the tags of `html` finds: the ``HTMLElementKind/closable`` names that
    /// have a start tag but no end tag (most fragments hold none of these names), and where the
    /// last declaration (`<!` not opening a comment or a CDATA section) starts.
    static func scanTags(_ html: UnsafeBufferPointer<UInt8>) -> (unclosedHidden: [String], lastDeclaration: Int?) {
        var opened: [String] = [], closed: [String] = []
        var declaration: Int?
        var i = 0
        let n = html.count
        while i < n {
            guard html[i] == UInt8(ascii: "<") else { i += 1; continue }
            var k = i + 1
            if k < n, html[k] == UInt8(ascii: "!"), k + 1 == n || (html[k + 1] != UInt8(ascii: "-") && html[k + 1] != UInt8(ascii: "[")) {
                declaration = i
            }
            let closing = k < n && html[k] == UInt8(ascii: "/")
            if closing { k += 1 }
            let start = k
            while k < n, k - start <= 8, (html[k] | 0x20) >= 97, (html[k] | 0x20) <= 122 { k += 1 }
            i = k
            guard k - start >= 3, k - start <= 8 else { continue }
            let name = String(decoding: html[start..<k].map { $0 | 0x20 }, as: UTF8.self)
            guard HTMLElementKind.closable.contains(name) else { continue }
            if closing { closed.append(name) } else { opened.append(name) }
        }
        return (opened.filter { !closed.contains($0) }, declaration)
    }

    /// The kind, except that a hidden element the fragment never closes only separates words.
    private func effectiveKind(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) -> HTMLElementKind {
        let kind = kind(ctx, name)
        guard kind == .hidden, !unclosed.isEmpty, let name else { return kind }
        return unclosed.contains(String(cString: name).lowercased()) ? .spaced : kind
    }

    /// Runs `body` with the extractor behind the context's `_private`, without retain/release.
    @inline(__always)
    fileprivate static func with(_ ctx: UnsafeMutableRawPointer?, _ body: (HTMLTextExtractor) -> Void) {
        guard let me = chorus_html_ctxt_owner(ctx) else { return }
        Unmanaged<HTMLTextExtractor>.fromOpaque(me)._withUnsafeGuaranteedRef(body)
    }

    /// The kind of the element named `name`; a `<p>` libxml2 implies around text that is in no
    /// element (`<b>Update:</b> text`) is no boundary: the fragment holds none. The name
    /// pointer tells them apart (the cache is by pointer, so the check runs once per name).
    private func kind(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) -> HTMLElementKind {
        guard let name else { return .inline }
        let key = UInt(bitPattern: name)
        if let hit = kinds.value(key) { return hit }
        let kind = chorus_html_name_is_implied(ctx, name) != 0 ? .inline : HTMLElementKind(name)
        kinds.insert(key, 0, kind)
        return kind
    }

    fileprivate func start(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
        let kind = effectiveKind(ctx, name)
        if kind == .hidden { hiddenDepth += 1 }
        out.boundary(kind)
    }

    fileprivate func end(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
        let kind = effectiveKind(ctx, name)
        if kind == .hidden, hiddenDepth > 0 { hiddenDepth -= 1 }
        out.boundary(kind)
    }

    fileprivate func text(_ ch: UnsafePointer<xmlChar>?, _ len: Int32) {
        guard hiddenDepth == 0, let ch, len > 0 else { return }
        out.append(UnsafeBufferPointer(start: ch, count: Int(len)))
    }
}
