public import ChorusModel
public import Logging

/// The streaming entry point of the parse stage: push a document in chunks of any size and
/// receive each item through `onItem` as soon as its end tag is read. XML feeds (RSS, RDF,
/// Atom) go through a libxml2 push parser holding one entry at a time (plus a bounded queue
/// when pipelined), so memory stays flat however large the document; JSON documents (JSON Feed, social payloads) are buffered and
/// parsed at ``finish()``.
public final class FeedStreamParser {
    private enum Mode {
        case sniffing
        case xml(XMLPushParser, FeedSAXHandler)
        case buffered
    }

    private let context: ParseContext
    private let logger: Logger
    private let onItem: (Item) -> Void
    private let pipelined: Bool
    private var pipeline: EntryPipeline?
    private var mode = Mode.sniffing
    private var buffer: [UInt8] = []

    /// - Parameters:
    ///   - context: source name, document URL, HTTP charset, forced platform, fetch time.
    ///   - pipelined: convert entries to Items on a second thread (two cores for one feed).
    ///     `onItem` is then called on that thread, still once per item in document order, and
    ///     every call has returned when `finish()` returns.
    ///   - onItem: called once per item, in document order; without `pipelined`, before
    ///     `feed`/`finish` return, on the caller's thread.
    public init(context: ParseContext, logger: Logger = Logger(label: "chorus.parse"), pipelined: Bool = false,
                onItem: @escaping (Item) -> Void) {
        self.context = context
        self.logger = logger
        self.pipelined = pipelined
        // Every item leaves the parser within ItemLimits, whatever the document held.
        self.onItem = { item in
            var item = item
            item.applyLimits()
            onItem(item)
        }
    }

    deinit {
        // Never leave the worker waiting for entries that will not come.
        pipeline?.finish()
    }

    /// Pushes the next bytes of the document.
    public func feed(_ bytes: UnsafeRawBufferPointer) {
        switch mode {
        case .xml(let parser, _):
            parser.feed(bytes)
        case .buffered:
            buffer.append(contentsOf: bytes)
        case .sniffing:
            // The common case, a whole document or a first chunk that shows its format, is
            // handed on without being copied.
            if buffer.isEmpty, let first = FormatSniffer.firstSignificantByte(bytes) {
                startMode(first: first, pending: bytes)
                return
            }
            buffer.append(contentsOf: bytes)
            guard let first = FormatSniffer.firstSignificantByte(buffer) else { return }
            let pending = buffer
            buffer = []
            pending.withUnsafeBytes { startMode(first: first, pending: $0) }
        }
    }

    /// Pushes the next bytes of the document.
    public func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// Starts the mode the first significant byte calls for and passes it `pending`, the
    /// bytes read so far.
    private func startMode(first: UInt8, pending: UnsafeRawBufferPointer) {
        let forcedSocial = context.platform.map { !FormatSniffer.xmlPlatforms.contains($0) } ?? false
        if forcedSocial || first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            mode = .buffered
            buffer.append(contentsOf: pending)
            return
        }
        let adapter = FeedEntryAdapter(context: context)
        let onItem = self.onItem
        let handler: FeedSAXHandler
        if pipelined {
            let pipeline = EntryPipeline { onItem(adapter.item(from: $0.draft, channel: $0.channel, platform: $0.platform, texts: $0.texts)) }
            self.pipeline = pipeline
            let converter = TextConverter()
            handler = FeedSAXHandler(adapter: adapter) { draft, channel, platform in
                // HTML-to-text is the largest cost: the XML thread helps with it while the
                // worker is behind, and leaves it to the worker while it keeps up.
                let texts = pipeline.consumerBehind ? FeedEntryAdapter.texts(draft, using: converter) : nil
                pipeline.submit(.init(draft: consume draft, channel: channel, platform: platform, texts: texts))
            }
        } else {
            handler = FeedSAXHandler(adapter: adapter) { onItem(adapter.item(from: $0, channel: $1, platform: $2)) }
        }
        let parser = XMLPushParser(handler: handler, httpCharset: context.httpCharset)
        mode = .xml(parser, handler)
        parser.feed(pending)
    }

    /// Ends the document. Items were delivered through `onItem`; the result carries the
    /// detected platform, the feed, the recovered flag, warnings and the unparsed-date count
    /// (its `items` is empty). Throws when the document yields nothing usable.
    public func finish() throws(ParseError) -> ParseResult {
        if case .sniffing = mode {
            guard let first = FormatSniffer.firstSignificantByte(buffer) else {
                throw ParseError("parse: \(context.source): empty document")
            }
            let pending = buffer
            buffer = []
            pending.withUnsafeBytes { startMode(first: first, pending: $0) }
        }
        switch mode {
        case .sniffing:
            throw ParseError("parse: \(context.source): empty document")
        case .buffered:
            let bytes = buffer
            buffer = []
            var result = try JSONDocumentParser.parse(bytes, context: context)
            for item in result.items { onItem(item) }
            result.items = []
            return result
        case .xml(let parser, let handler):
            parser.finish()
            pipeline?.finish()
            pipeline = nil
            return try summary(handler)
        }
    }

    private func summary(_ h: FeedSAXHandler) throws(ParseError) -> ParseResult {
        let source = context.source
        if let found = h.mismatch, let forced = context.platform {
            throw ParseError("parse: \(source): expected \(forced.rawValue) but the document is \(found.rawValue)")
        }
        guard let platform = h.platform else {
            if let root = h.rootName { throw ParseError("parse: \(source): not a feed: root element is <\(root)>") }
            let cause = h.warnings.first ?? "no root element"
            throw ParseError("parse: \(source): not a feed: malformed XML (\(cause))")
        }
        if h.errorCount > 0 && h.itemCount == 0 {
            throw ParseError("parse: \(source): malformed XML, no items recovered (\(h.warnings.first ?? "unknown error"))")
        }
        if h.errorCount > 0 {
            logger.debug("recovered from malformed XML", metadata: ["source": "\(source)", "errors": "\(h.errorCount)"])
        }
        return ParseResult(
            items: [], platform: platform,
            feed: h.channelInfo.feed,
            recovered: h.errorCount > 0, warnings: h.warnings, unparsedDates: h.adapter.unparsedDates
        )
    }
}
