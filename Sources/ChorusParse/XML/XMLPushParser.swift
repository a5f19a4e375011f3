import CLibXML2
import CLibXML2Shim

/// Owns one libxml2 SAX2 push parser context and forwards its callbacks to a
/// ``FeedSAXHandler``. Safe defaults live here and only here: recover mode, no network
/// (`XML_PARSE_NONET`), no entity substitution, no DTD loading, no huge-document mode, and
/// no `entityDecl` callback, so DTD-declared entities are never expanded (libxml2 still
/// records them in a document of its own, freed with the context: `chorus_xml_ctxt_free`).
final class XMLPushParser {
    private let handler: FeedSAXHandler
    private var ctxt: xmlParserCtxtPtr?
    private let httpCharset: String?
    private var head: [UInt8] = []
    private var finished = false
    /// Set when the document is read as UTF-8: repairs bytes that are not (see ``EncodingPlan``).
    private var filter: UTF8InputFilter?
    /// Set for a UTF-16 or UTF-32 document: libxml2 reads its UTF-8 (see ``WideTranscoder``).
    private var wide: WideTranscoder?
    /// Bounds the attributes of one element (libxml2's check of them is quadratic); set for
    /// every ASCII-compatible document, and for UTF-16 and UTF-32 ones after transcoding.
    private var limiter: AttributeLimiter?
    /// Bytes read before starting at most: enough for the XML declaration and the encoding decision.
    private static let headSize = 1024

    /// True when `head` decides the encoding: the XML declaration is complete (or there is
    /// none), or ``headSize`` bytes are here.
    static func isEnoughToStart(_ head: UnsafeRawBufferPointer) -> Bool {
        if head.count >= headSize { return true }
        guard head.count >= 4 else { return false }
        var i = 0
        if head[0] == 0xEF { i = 3 }
        while i < head.count, head[i] == 0x20 || head[i] == 0x0A || head[i] == 0x0D || head[i] == 0x09 { i += 1 }
        guard i + 1 < head.count else { return false }
        if head[i] != UInt8(ascii: "<") || head[i + 1] != UInt8(ascii: "?") { return true }
        var k = i + 2
        while k + 1 < head.count {
            if head[k] == UInt8(ascii: "?"), head[k + 1] == UInt8(ascii: ">") { return true }
            k += 1
        }
        return false
    }

    /// `XML_PARSE_OLDSAX` makes libxml2 ask `getEntity` for every entity, the predefined
    /// five included, which is where ``FeedSAXHandler`` keeps decoding alive after an error.
    static let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_OLDSAX.rawValue)

    init(handler: FeedSAXHandler, httpCharset: String?) {
        LibXML2Setup.ensure()
        self.handler = handler
        self.httpCharset = httpCharset
    }

    deinit {
        // With the document libxml2 made for a DTD's entities (see the shim).
        if let ctxt { chorus_xml_ctxt_free(ctxt) }
    }

    /// Pushes the next bytes of the document.
    func feed(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty, !finished else { return }
        if ctxt == nil {
            // The first bytes (with the XML declaration) decide the encoding: start as soon as
            // they are here, without copying when they arrive in one piece (the usual case).
            if head.isEmpty && Self.isEnoughToStart(bytes) {
                start(bytes)
                return
            }
            head.append(contentsOf: bytes)
            if head.withUnsafeBytes(Self.isEnoughToStart) { startWithHead() }
            return
        }
        push(bytes, terminate: false)
    }

    /// Bytes that were not UTF-8 in a document read as UTF-8, repaired as Windows-1252.
    var repairedBytes: Int { filter?.repaired ?? 0 }

    /// Elements that had more than ``AttributeLimiter/maxAttributes`` attributes (the rest were dropped).
    var limitedElements: Int { limiter?.cutTags ?? 0 }

    /// Signals the end of the document; every pending callback runs before it returns.
    func finish() {
        guard !finished else { return }
        if ctxt == nil { startWithHead() }
        push(UnsafeRawBufferPointer(start: nil, count: 0), terminate: true)
        finished = true
    }

    private func startWithHead() {
        let pending = head
        head = []
        pending.withUnsafeBytes { start($0) }
    }

    /// Creates the context, chooses the encoding from `first` (the document's first bytes)
    /// and the HTTP charset, and pushes `first`.
    private func start(_ first: UnsafeRawBufferPointer) {
        var sax = XMLPushParser.saxHandler()
        // Lifetime: the handler is retained by self and the context is freed in deinit, so
        // the unretained pointer given to libxml2 as userData outlives every callback.
        let user = Unmanaged.passUnretained(handler).toOpaque()
        guard let ctxt = xmlCreatePushParserCtxt(&sax, user, nil, 0, nil) else { return }
        self.ctxt = ctxt
        handler.ctxt = ctxt
        var options = XMLPushParser.options
        if let form = WideTranscoder.detect(first) {
            // UTF-16 or UTF-32: read as UTF-8 after transcoding, whatever the declaration or
            // the HTTP charset says (the bytes decide), so the attribute limit applies too.
            wide = WideTranscoder(form: form)
            limiter = AttributeLimiter()
            xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8)
            xmlCtxtUseOptions(ctxt, options | Int32(XML_PARSE_IGNORE_ENC.rawValue))
            push(first, terminate: false)
            return
        }
        let plan = EncodingPlan.decide(first, httpCharset: httpCharset)
        switch plan {
        case .utf8 where httpCharset == nil:
            filter = UTF8InputFilter()
        case .utf8, .utf8Instead:
            filter = UTF8InputFilter()
            options |= Int32(XML_PARSE_IGNORE_ENC.rawValue)
            xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8)
        case .windows1252Instead:
            if let enc = xmlFindCharEncodingHandler("WINDOWS-1252") {
                options |= Int32(XML_PARSE_IGNORE_ENC.rawValue)
                xmlSwitchToEncoding(ctxt, enc)
            }
        case .asDeclared:
            break
        }
        if plan == .asDeclared, let httpCharset, !XMLPushParser.hasBOM(first), let enc = xmlFindCharEncodingHandler(httpCharset) {
            options |= Int32(XML_PARSE_IGNORE_ENC.rawValue)
            xmlSwitchToEncoding(ctxt, enc)
        }
        xmlCtxtUseOptions(ctxt, options)
        // Zero bytes among the first four that fit no UTF-16 or UTF-32 start: not
        // ASCII-compatible, and the limiter would read the bytes wrongly (libxml2 decides).
        let zeros = first.prefix(4).contains(0) || (first.count >= 2 && (first[0] == 0xFE && first[1] == 0xFF || first[0] == 0xFF && first[1] == 0xFE))
        if !zeros { limiter = AttributeLimiter() }
        push(first, terminate: false)
    }

    private func push(_ bytes: UnsafeRawBufferPointer, terminate: Bool) {
        if wide != nil {
            wide?.transcode(bytes, last: terminate) { limit($0) }
        } else if filter != nil {
            filter?.filter(bytes, last: terminate) { limit($0) }
        } else {
            limit(bytes)
        }
        if terminate { pushChunks(UnsafeRawBufferPointer(start: nil, count: 0), terminate: true) }
    }

    private func limit(_ bytes: UnsafeRawBufferPointer) {
        guard limiter != nil else {
            pushChunks(bytes, terminate: false)
            return
        }
        limiter?.filter(bytes) { pushChunks($0, terminate: false) }
    }

    private func pushChunks(_ bytes: UnsafeRawBufferPointer, terminate: Bool) {
        guard let ctxt, !bytes.isEmpty || terminate else { return }
        var offset = 0
        repeat {
            let n = min(bytes.count - offset, 1 << 30)
            let chunk = bytes.baseAddress.map { ($0 + offset).assumingMemoryBound(to: CChar.self) }
            // What the parser would move at its next run, moved before the chunk is appended.
            if n > 0 { chorus_xml_ctxt_shrink_before_push(ctxt) }
            _ = xmlParseChunk(ctxt, chunk, Int32(n), terminate && offset + n == bytes.count ? 1 : 0)
            offset += n
        } while offset < bytes.count
    }

    static func hasBOM(_ b: UnsafeRawBufferPointer) -> Bool {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { return true }
        if b.count >= 2, (b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE) { return true }
        return false
    }

    private static func saxHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { ctx, local, prefix, uri, _, _, nAttrs, _, attrs in
            FeedSAXHandler.with(ctx) { $0.startElement(local, prefix, uri, XMLAttributes(base: attrs, count: Int(nAttrs))) }
        }
        sax.endElementNs = { ctx, local, prefix, uri in
            FeedSAXHandler.with(ctx) { $0.endElement(local, prefix, uri) }
        }
        sax.characters = { ctx, ch, len in
            FeedSAXHandler.with(ctx) { $0.characters(ch, Int(len)) }
        }
        sax.cdataBlock = sax.characters
        sax.ignorableWhitespace = sax.characters
        sax.getEntity = { ctx, name in
            FeedSAXHandler.with(ctx) { $0.entity(name) }
        }
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            FeedSAXHandler.with(ctx) { $0.error(error) }
        }
        return sax
    }
}
