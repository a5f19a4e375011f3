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
    /// Takes each item by value (`consuming`): applying the limits then moves it on instead of
    /// copying every field (a retain and a release each, per item).
    private let onItem: (consuming Item) -> Void
    /// Set for a pipelined parser: the same consumer, callable from the pipeline's worker.
    private let pipelinedOnItem: (@Sendable (consuming Item) -> Void)?
    private var pipeline: EntryPipeline?
    private var mode = Mode.sniffing
    private var buffer: [UInt8] = []
    /// The document's bytes so far, kept while they fit in ``repairLimit`` for a second pass
    /// through ``XMLRepair`` when libxml2 loses part of it; nil past the limit.
    private var document: [UInt8]? = []
    /// Documents up to this size get a repaired second pass (real feeds are far smaller;
    /// larger streams keep flat memory and only get the warning). A whole document handed
    /// over as one array is kept by reference; one pushed in chunks is copied, up to
    /// ``copiedRepairLimit`` (the copy counts in a stream's peak memory).
    static let repairLimit = 8 << 20
    static let copiedRepairLimit = 4 << 20
    /// Where finished entries go (set with the XML mode), for the second pass too.
    private var entrySink: ((consuming EntryDraft, consuming ChannelInfo, Platform) -> Void)?

    /// A parser that calls `onItem` once per item, in document order, on the caller's thread,
    /// before `feed`/`finish` return.
    /// - Parameter context: source name, document URL, HTTP charset, forced platform, fetch time.
    public init(context: ParseContext, logger: Logger = Logger(label: "chorus.parse"), onItem: @escaping (Item) -> Void) {
        self.context = context
        self.logger = logger
        pipelinedOnItem = nil
        // Every item leaves the parser within ItemLimits, whatever the document held.
        self.onItem = { (item: consuming Item) in
            item.applyLimits()
            onItem(item)
        }
    }

    /// A pipelined parser: XML entries become Items on a second thread (two cores for one feed),
    /// which calls `onItem` (hence `@Sendable`), still once per item in document order; every
    /// call has returned when `finish()` returns.
    public static func pipelined(
        context: ParseContext, logger: Logger = Logger(label: "chorus.parse"), onItem: @escaping @Sendable (Item) -> Void
    ) -> FeedStreamParser {
        FeedStreamParser(context: context, logger: logger, pipelinedOnItem: onItem)
    }

    private init(context: ParseContext, logger: Logger, pipelinedOnItem: @escaping @Sendable (Item) -> Void) {
        self.context = context
        self.logger = logger
        let limited: @Sendable (consuming Item) -> Void = { (item: consuming Item) in
            item.applyLimits()
            pipelinedOnItem(item)
        }
        self.pipelinedOnItem = limited
        onItem = limited
    }

    deinit {
        // Never leave the worker waiting for entries that will not come.
        pipeline?.finish()
    }

    /// Pushes the next bytes of the document.
    public func feed(_ bytes: UnsafeRawBufferPointer) {
        retain(bytes)
        push(bytes)
    }

    private func retain(_ bytes: UnsafeRawBufferPointer) {
        guard document != nil else { return }
        if document!.count + bytes.count > Self.copiedRepairLimit {
            document = nil
        } else {
            document!.append(contentsOf: bytes)
        }
    }

    private func push(_ bytes: UnsafeRawBufferPointer) {
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
        // A whole document in one array is kept by reference, not copied.
        if document?.isEmpty == true, bytes.count <= Self.repairLimit {
            document = bytes
        } else {
            bytes.withUnsafeBytes { retain($0) }
        }
        bytes.withUnsafeBytes { push($0) }
    }

    /// Starts the mode the first significant byte calls for and passes it `pending`, the
    /// bytes read so far.
    private func startMode(first: UInt8, pending: UnsafeRawBufferPointer) {
        let forcedSocial = context.platform.map { !FormatSniffer.xmlPlatforms.contains($0) } ?? false
        if forcedSocial || FormatSniffer.startsJSON(first) {
            document = nil
            mode = .buffered
            buffer.append(contentsOf: pending)
            return
        }
        let adapter = FeedEntryAdapter(context: context)
        let onItem = self.onItem
        let sink: (consuming EntryDraft, consuming ChannelInfo, Platform) -> Void
        if let pipelinedOnItem {
            let pipeline = EntryPipeline(context: context, onItem: pipelinedOnItem)
            self.pipeline = pipeline
            let converter = TextConverter()
            sink = { draft, channel, platform in
                // HTML-to-text is the largest cost: the XML thread helps with it while the
                // worker is behind, and leaves it to the worker while it keeps up.
                let texts = pipeline.consumerBehind ? FeedEntryAdapter.texts(draft, using: converter) : nil
                pipeline.submit(.init(draft: consume draft, channel: consume channel, platform: platform, texts: texts))
            }
        } else {
            sink = { draft, channel, platform in
                var draft = draft
                onItem(adapter.item(from: &draft, channel: channel, platform: platform))
            }
        }
        entrySink = sink
        let handler = FeedSAXHandler(adapter: adapter, onEntry: sink)
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
            let second = repairedPass(after: handler)
            let workerUnparsedDates = pipeline?.finish() ?? 0
            pipeline = nil
            return try summary(handler, parser: parser, second: second, workerUnparsedDates: workerUnparsedDates)
        }
    }

    /// When libxml2 lost part of the document, parses it again through ``XMLRepair`` and hands
    /// on the entries after those already delivered; nil when there was no need or no copy.
    private func repairedPass(after first: FeedSAXHandler) -> (handler: FeedSAXHandler, repair: XMLRepair)? {
        guard first.lostContent, first.platform != nil, let document, let sink = entrySink else { return nil }
        self.document = nil
        // The repair reads bytes as an ASCII-compatible encoding: never UTF-16 or UTF-32.
        guard !document.prefix(512).contains(0) else { return nil }
        let repair = XMLRepair(document)
        guard repair.repairs > 0 || repair.truncated else { return nil }
        let handler = FeedSAXHandler(adapter: first.adapter, onEntry: sink)
        handler.skipEntries = first.itemCount
        let parser = XMLPushParser(handler: handler, httpCharset: context.httpCharset)
        repair.output.withUnsafeBytes { parser.feed($0) }
        parser.finish()
        return (handler, repair)
    }

    /// `workerUnparsedDates`: dates the pipeline's worker could not read (its adapter's count).
    private func summary(_ h: FeedSAXHandler, parser: XMLPushParser, second: (handler: FeedSAXHandler, repair: XMLRepair)?,
                         workerUnparsedDates: Int) throws(ParseError) -> ParseResult {
        let source = context.source
        if let found = h.mismatch, let forced = context.platform {
            throw ParseError("parse: \(source): expected \(forced.rawValue) but the document is \(found.rawValue)")
        }
        guard let platform = h.platform else {
            if let root = h.rootName { throw ParseError("parse: \(source): not a feed: root element is <\(root)>") }
            let cause = h.warnings.first ?? "no root element"
            throw ParseError("parse: \(source): not a feed: malformed XML (\(cause))")
        }
        let items = max(h.itemCount, second?.handler.itemCount ?? 0)
        var warnings = h.warnings
        // Cut short: elements still open at the end (a second pass says so itself).
        let truncated = second?.repair.truncated ?? (h.lostContent && h.depth > 0)
        if truncated { warnings.insert("the document is cut short (elements left open at its end)", at: 0) }
        if parser.repairedBytes > 0 {
            warnings.append("\(parser.repairedBytes) bytes that are not UTF-8 read as Windows-1252")
        }
        let limited = parser.limitedElements
        if limited > 0 {
            warnings.append("\(limited) element\(limited == 1 ? "" : "s") with more than \(AttributeLimiter.maxAttributes) attributes: the rest ignored")
        }
        if h.errorCount > 0 && items == 0 {
            throw ParseError("parse: \(source): malformed XML, no items recovered (\(warnings.first ?? "unknown error"))")
        }
        let damaged = second.map { $0.repair.damagedEntries } ?? h.damagedEntries
        let recovered = h.errorCount > 0 || parser.repairedBytes > 0 || limited > 0
        if recovered {
            logger.debug("recovered from malformed XML", metadata: ["source": "\(source)", "errors": "\(h.errorCount)"])
        }
        return ParseResult(
            items: [], platform: platform,
            feed: h.channelInfo.feed,
            recovered: recovered, warnings: warnings, unparsedDates: h.adapter.unparsedDates + workerUnparsedDates,
            damagedItems: damaged, truncated: truncated
        )
    }
}
