import ChorusModel

/// Routes a JSON document: a JSON Feed (by its `version` URL, or when forced) to
/// ``JSONFeedAdapter``, anything else to ``SocialPayloadParser`` (the forced platform, or
/// generic `json`).
enum JSONDocumentParser {
    static func parse(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> ParseResult {
        if let forced = context.platform, forced != .jsonfeed {
            return try SocialPayloadParser.parse(bytes, platform: forced, context: context)
        }
        let what = context.platform == .jsonfeed ? "JSON Feed" : "JSON"
        // JSON is UTF-8 (RFC 8259): a document that is not is rejected, as Foundation's decoder did.
        guard bytes.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) != nil }) else {
            throw ParseError("parse: \(context.source): malformed \(what) (not valid UTF-8)")
        }
        let document: JSONDocument
        do {
            document = try JSONReader.parse(bytes)
        } catch {
            throw ParseError("parse: \(context.source): malformed \(what) (line \(error.line), column \(error.column): \(error.reason))")
        }
        let wire: JSONFeedWire
        do {
            wire = try JSONFeedWire(document.root)
        } catch {
            // Valid JSON that is not shaped like a JSON Feed: a generic JSON payload, unless forced.
            if context.platform == nil { return try SocialPayloadParser.parse(bytes, platform: .json, context: context) }
            throw ParseError("parse: \(context.source): malformed JSON Feed (\(error.description))")
        }
        guard wire.isJSONFeed || context.platform == .jsonfeed else {
            return try SocialPayloadParser.parse(bytes, platform: .json, context: context)
        }
        let (items, feed, unparsed) = JSONFeedAdapter.items(wire, context: context)
        return ParseResult(items: items, platform: .jsonfeed, feed: feed, unparsedDates: unparsed)
    }
}
