import ChorusModel

/// Routes a JSON document: a JSON Feed (by its `version` URL, or when forced) to
/// ``JSONFeedAdapter``, anything else (JSON Lines too) to ``SocialPayloadParser`` (the forced
/// platform, or the one its structure shows).
enum JSONDocumentParser {
    static func parse(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> ParseResult {
        if let forced = context.platform, forced != .jsonfeed {
            return try SocialPayloadParser.parse(bytes, platform: forced, context: context)
        }
        let bytes = utf8(bytes)
        let what = context.platform == .jsonfeed ? "JSON Feed" : "JSON"
        // JSON is UTF-8 (RFC 8259): a document that is not is rejected, as Foundation's decoder did.
        guard bytes.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) != nil }) else {
            throw ParseError("parse: \(context.source): malformed \(what) (not valid UTF-8)")
        }
        let document: JSONDocument
        do {
            document = try JSONReader.parse(bytes)
        } catch {
            // Several values, one per line (a saved stream, JSON Lines): social payloads.
            if context.platform == nil, error.reason == JSONReader.trailingData {
                return try SocialPayloadParser.parseDetectedLines(bytes, context: context)
            }
            throw ParseError("parse: \(context.source): malformed \(what) (line \(error.line), column \(error.column): \(error.reason))")
        }
        // A bare number, string, boolean or null is JSON (RFC 8259) but holds no feed and no posts.
        let kind = document.root.kind
        if kind != .object && kind != .array {
            throw ParseError("parse: \(context.source): not a JSON Feed: top-level value is \(kind == .null ? "null" : "a \(kind.name)")")
        }
        let wire: JSONFeedWire
        do {
            wire = try JSONFeedWire(document.root)
        } catch {
            // Valid JSON that is not shaped like a JSON Feed: a generic JSON payload, unless forced.
            if context.platform == nil { return try SocialPayloadParser.parseDetected(document, context: context) }
            throw ParseError("parse: \(context.source): malformed JSON Feed (\(error.description))")
        }
        guard wire.isJSONFeed || context.platform == .jsonfeed else {
            return try SocialPayloadParser.parseDetected(document, context: context)
        }
        let (items, feed, unparsed) = JSONFeedAdapter.items(wire, context: context)
        return ParseResult(items: items, platform: .jsonfeed, feed: feed, recovered: !wire.warnings.isEmpty, warnings: wire.warnings,
                           unparsedDates: unparsed)
    }

    /// The document as UTF-8: UTF-16 and UTF-32 without a byte order mark, told apart by where
    /// the zero bytes of the first ASCII characters fall (RFC 4627, section 3), are converted;
    /// anything else is returned as it is.
    static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 4, bytes[0] == 0 || bytes[1] == 0 else { return bytes }
        let (b0, b1, b2) = (bytes[0], bytes[1], bytes[2])
        if b0 == 0 && b1 == 0 || b1 == 0 && b2 == 0 {
            // UTF-32, big-endian (00 00 00 xx) or little-endian (xx 00 00 00).
            let big = b0 == 0
            let units = stride(from: 0, to: bytes.count - 3, by: 4).map { i -> UInt32 in
                let high = UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16
                let word = high | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
                return big ? word : word.byteSwapped
            }
            return Array(String(decoding: units, as: UTF32.self).utf8)
        }
        // UTF-16, big-endian (00 xx) or little-endian (xx 00).
        let big = b0 == 0
        let units = stride(from: 0, to: bytes.count - 1, by: 2).map { i -> UInt16 in
            let first = UInt16(bytes[i]), second = UInt16(bytes[i + 1])
            return big ? first << 8 | second : second << 8 | first
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
