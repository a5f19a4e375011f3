public import ChorusModel

/// Decodes a saved social API response (Mastodon, Bluesky, Reddit, HN, X, generic JSON)
/// into Items: the parse stage's entry point for social platforms, used by
/// ``DocumentParser`` and `chorus parse --platform <name>`. With no platform given, the
/// response's structure says which platform it is (``SocialShapeDetector``); a document that
/// is no supported shape is an error naming what it holds.
public enum SocialPayloadParser {
    /// The platforms this parser handles.
    public static let platforms: Set<Platform> = [.mastodon, .bluesky, .reddit, .hackernews, .x, .json]

    /// Parses one API response body of `platform`. Generic JSON (`.json`) uses ``JSONMapping``'s
    /// defaults, with the items found at the top level or under `items` / `data`.
    public static func parse(_ bytes: [UInt8], platform: Platform, context: ParseContext) throws(ParseError) -> ParseResult {
        result(try self.page(bytes, platform: platform, context: context), platform: platform)
    }

    /// Parses a generic JSON document with an explicit mapping.
    public static func parse(_ bytes: [UInt8], mapping: JSONMapping, context: ParseContext) throws(ParseError) -> ParseResult {
        let page = try self.page(bytes, mapping: mapping, context: context)
        return ParseResult(items: page.items, platform: .json, warnings: page.warnings, unparsedDates: page.unparsedDates)
    }

    /// The decoded page of a generic JSON document with an explicit mapping, items cut to ``ItemLimits``.
    public static func page(_ bytes: [UInt8], mapping: JSONMapping, context: ParseContext) throws(ParseError) -> SocialPage {
        var page = try JSONMappingDecoder.decode(bytes, mapping: mapping, context: context)
        for i in page.items.indices { page.items[i].applyLimits() }
        return page
    }

    /// The decoded page with its paging metadata, for connectors, every item cut to
    /// ``ItemLimits``. A platform's documents may also be JSON Lines (one response or stream
    /// message per line).
    public static func page(_ bytes: [UInt8], platform: Platform, context: ParseContext) throws(ParseError) -> SocialPage {
        var page = try decode(bytes, platform: platform, context: context)
        for i in page.items.indices { page.items[i].applyLimits() }
        return page
    }

    private static func decode(_ bytes: [UInt8], platform: Platform, context: ParseContext) throws(ParseError) -> SocialPage {
        switch platform {
        case .json:
            guard let mapping = try defaultMapping(try SocialDecoding(context: context).document(bytes).root, strict: false) else {
                return SocialPage()
            }
            return try JSONMappingDecoder.decode(bytes, mapping: mapping, context: context)
        case .rss, .atom, .rdf, .jsonfeed:
            throw ParseError("parse: \(context.source): \(platform.rawValue) is a feed format, not a social API payload")
        case .mastodon, .bluesky, .reddit, .hackernews, .x:
            var decoding = SocialDecoding(context: context)
            return try lines(try decoding.documents(bytes), decoding: &decoding) { _ in platform }.page
        }
    }

    /// Parses a JSON document (not a JSON Feed) whose platform is not given: recognized by
    /// its structure, else read as generic JSON when it holds a list of objects with ids,
    /// else an error ("JSON object with keys [a, b] is no supported shape"). An empty array
    /// has no items and says so.
    static func parseDetected(_ document: JSONDocument, context: ParseContext) throws(ParseError) -> ParseResult {
        let root = document.root
        // An empty list holds no posts whatever its platform (a poll that found nothing new).
        if root.kind == .array, root.count == 0 {
            return ParseResult(items: [], platform: .json, warnings: ["the document is an empty JSON array"])
        }
        if let platform = SocialShapeDetector.platform(of: root) {
            var decoding = SocialDecoding(context: context)
            return result(try decode(root, platform: platform, decoding: &decoding), platform: platform)
        }
        if let mapping = defaultMapping(root, strict: true) {
            let page = try JSONMappingDecoder.decode(document.bytes, mapping: mapping, context: context)
            return ParseResult(items: page.items, platform: .json, warnings: page.warnings, unparsedDates: page.unparsedDates)
        }
        throw unsupported(root, context: context)
    }

    /// Parses JSON Lines whose platform is not given, each line recognized by its structure.
    static func parseDetectedLines(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> ParseResult {
        var decoding = SocialDecoding(context: context)
        let documents = try decoding.documents(bytes)
        let (page, platform) = try lines(documents, decoding: &decoding) { root throws(ParseError) in
            guard let platform = SocialShapeDetector.platform(of: root) else { throw unsupported(root, context: context) }
            return platform
        }
        return result(page, platform: platform ?? .json)
    }

    /// Decodes each document with the platform `platformOf` names for it. With several lines,
    /// a line that cannot be used (not JSON, no supported shape, an API error line, a wrong
    /// type) is skipped with a warning naming it (the skipped lines' warnings come first) and
    /// counted in ``SocialPage/skippedLines``; when no line gives a post, the first such
    /// failure is the error.
    private static func lines(
        _ documents: [JSONLines.Line], decoding: inout SocialDecoding,
        platformOf: (JSONValue) throws(ParseError) -> Platform
    ) throws(ParseError) -> (page: SocialPage, platform: Platform?) {
        var page = SocialPage()
        var first: Platform?
        var failures: [ParseError] = []
        let prefix = "parse: \(decoding.context.source): "
        for line in documents {
            do throws(ParseError) {
                let document: JSONDocument
                switch line.document {
                case .success(let parsed): document = parsed
                case .failure(let error): throw ParseError("\(prefix)\(error.description)")
                }
                let platform = try platformOf(document.root)
                first = first ?? platform
                let part = try decode(document.root, platform: platform, decoding: &decoding)
                page.items += part.items
                page.sortTimes += part.sortTimes
                page.warnings += documents.count > 1 ? part.warnings.map { "line \(line.number): \($0)" } : part.warnings
                page.nextCursor = part.nextCursor ?? page.nextCursor
                page.newestID = part.newestID ?? page.newestID
                page.pageCount = part.pageCount ?? page.pageCount
                page.unparsedDates = part.unparsedDates
            } catch where documents.count > 1 {
                var cause = error.message.hasPrefix(prefix) ? String(error.message.dropFirst(prefix.count)) : error.message
                if !cause.hasPrefix("malformed JSON at line") { cause = "line \(line.number): \(cause)" }
                failures.append(ParseError(prefix + cause))
                page.skippedLines += 1
            }
        }
        if page.items.isEmpty, let failure = failures.first { throw failure }
        // The skipped lines first: they are what a recovered document's warning names.
        let prefixLength = prefix.count
        page.warnings = failures.map { "skipped \($0.message.dropFirst(prefixLength))" } + page.warnings
        return (page, first)
    }

    /// One parsed response of a social platform.
    static func decode(_ root: JSONValue, platform: Platform, decoding: inout SocialDecoding) throws(ParseError) -> SocialPage {
        switch platform {
        case .mastodon: return try MastodonDecoder.decode(root, decoding: &decoding)
        case .bluesky: return try BlueskyDecoder.decode(root, decoding: &decoding)
        case .reddit: return try RedditDecoder.decode(root, decoding: &decoding)
        case .hackernews: return try HackerNewsDecoder.decode(root, decoding: &decoding)
        case .x: return try XDecoder.decode(root, decoding: &decoding)
        default: throw ParseError("parse: \(decoding.context.source): \(platform.rawValue) is not a social API platform")
        }
    }

    /// The result of a page; a page without items says why (its warnings, or that the response holds none).
    private static func result(_ page: SocialPage, platform: Platform) -> ParseResult {
        var warnings = page.warnings
        if page.items.isEmpty, warnings.isEmpty { warnings.append("the \(platform.rawValue) response holds no posts") }
        return ParseResult(
            items: page.items, platform: platform, recovered: page.skippedLines > 0, warnings: warnings, unparsedDates: page.unparsedDates)
    }

    /// "parse: SRC: JSON object with keys [a, b] is no supported shape", with an API error's
    /// own text when the object is one (`{"error": "..."}`, `{"message": "..."}`).
    private static func unsupported(_ root: JSONValue, context: ParseContext) -> ParseError {
        var message = "parse: \(context.source): \(SocialShapeDetector.describe(root)) is no supported shape"
        if let said = root["error"]?.stringValue ?? root["message"]?.stringValue ?? root["detail"]?.stringValue {
            message += " (it says: \(said.count > 200 ? String(said.prefix(200)) + "…" : said))"
        }
        return ParseError(message)
    }

    /// The default mapping, pointed at the top-level array or else the first array of objects
    /// found breadth-first within three levels (`items`, `data`, `data.list`...). `strict`
    /// (auto-detection) wants a first entry with an id-like and a text-like member, else nil.
    private static func defaultMapping(_ root: JSONValue, strict: Bool) -> JSONMapping? {
        var mapping = JSONMapping()
        if root.kind == .object {
            mapping.itemsPath = firstArrayPath(root) ?? "items"
        }
        // Common member names, chosen from the first entry.
        let list = mapping.itemsPath.isEmpty ? root : mapping.itemsPath.split(separator: ".").reduce(root) { $0[String($1)] ?? $0 }
        guard let first = list.elements.first, first.kind == .object else { return strict ? nil : mapping }
        func pick(_ names: [String]) -> String? { names.first { first[$0].map { !$0.isNull } ?? false } }
        let id = pick(["id", "id_str", "idstr", "mid", "guid", "uuid"])
        let text = pick(["text", "content", "body", "message"])
        if strict, id == nil || text == nil { return nil }
        mapping.id = id ?? "id"
        mapping.text = text ?? "text"
        mapping.publishedAt = pick(["created_at", "published_at", "date", "timestamp", "time"]) ?? "created_at"
        return mapping
    }

    static func firstArrayPath(_ root: JSONValue) -> String? {
        var level: [(path: String, value: JSONValue)] = [("", root)]
        for _ in 0..<3 {
            var next: [(path: String, value: JSONValue)] = []
            for (path, value) in level {
                for (key, member) in value.members {
                    let memberPath = path.isEmpty ? key : "\(path).\(key)"
                    if member.kind == .array, member.elements.first?.kind == .object { return memberPath }
                    if member.kind == .object { next.append((memberPath, member)) }
                }
            }
            level = next
        }
        return nil
    }
}
