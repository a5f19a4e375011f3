public import ChorusModel

/// Decodes a saved social API response (Mastodon, Bluesky, Reddit, HN, X, generic JSON)
/// into Items: the parse stage's entry point for social platforms, used by
/// ``DocumentParser`` and `chorus parse --platform <name>`.
public enum SocialPayloadParser {
    /// The platforms this parser handles.
    public static let platforms: Set<Platform> = [.mastodon, .bluesky, .reddit, .hackernews, .x, .json]

    /// Parses one API response body of `platform`. Generic JSON (`.json`) uses ``JSONMapping``'s
    /// defaults, with the items found at the top level or under `items` / `data`.
    public static func parse(_ bytes: [UInt8], platform: Platform, context: ParseContext) throws(ParseError) -> ParseResult {
        let page = try self.page(bytes, platform: platform, context: context)
        return ParseResult(items: page.items, platform: platform, warnings: page.warnings, unparsedDates: page.unparsedDates)
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

    /// The decoded page with its paging metadata, for connectors.
    /// Every item is cut to ``ItemLimits``.
    public static func page(_ bytes: [UInt8], platform: Platform, context: ParseContext) throws(ParseError) -> SocialPage {
        var page = try decode(bytes, platform: platform, context: context)
        for i in page.items.indices { page.items[i].applyLimits() }
        return page
    }

    private static func decode(_ bytes: [UInt8], platform: Platform, context: ParseContext) throws(ParseError) -> SocialPage {
        switch platform {
        case .mastodon: return try MastodonDecoder.decode(bytes, context: context)
        case .bluesky: return try BlueskyDecoder.decode(bytes, context: context)
        case .reddit: return try RedditDecoder.decode(bytes, context: context)
        case .hackernews: return try HackerNewsDecoder.decode(bytes, context: context)
        case .x: return try XDecoder.decode(bytes, context: context)
        case .json: return try JSONMappingDecoder.decode(bytes, mapping: try defaultMapping(bytes, context: context), context: context)
        case .rss, .atom, .rdf, .jsonfeed:
            throw ParseError("parse: \(context.source): \(platform.rawValue) is a feed format, not a social API payload")
        }
    }

    /// The default mapping, pointed at the top-level array or else the first array of objects
    /// found breadth-first within three levels (`items`, `data`, `data.list`...).
    private static func defaultMapping(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> JSONMapping {
        let root: JSONValue
        do {
            root = try JSONReader.parse(bytes).root
        } catch {
            throw ParseError("parse: \(context.source): \(error.description)")
        }
        var mapping = JSONMapping()
        if root.kind == .object {
            mapping.itemsPath = firstArrayPath(root) ?? "items"
        }
        // Common member names, chosen from the first entry.
        let list = mapping.itemsPath.isEmpty ? root : mapping.itemsPath.split(separator: ".").reduce(root) { $0[String($1)] ?? $0 }
        if let first = list.elements.first, first.kind == .object {
            func pick(_ names: [String]) -> String? { names.first { first[$0].map { !$0.isNull } ?? false } }
            mapping.id = pick(["id", "id_str", "idstr", "mid", "guid", "uuid"]) ?? "id"
            mapping.text = pick(["text", "content", "body", "message"]) ?? "text"
            mapping.publishedAt = pick(["created_at", "published_at", "date", "timestamp", "time"]) ?? "created_at"
        }
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
