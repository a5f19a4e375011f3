/// What one item may carry (docs/parsing.md, "Limits per item"). A hostile entry with
/// 100,000 categories or a 50 MB title is cut to these sizes by the parse stage, so every
/// later step (dedup, scoring, encoding) stays linear in a bounded item. Real feeds stay far
/// below them.
public enum ItemLimits {
    /// Tags (categories, hashtags) kept per item; the first ones in document order.
    public static let tags = 100
    /// Bytes of one tag.
    public static let tagBytes = 1_024
    /// Enclosures (attachments, media) kept per item.
    public static let enclosures = 50
    /// Bytes of the title.
    public static let titleBytes = 16_384
    /// Bytes of the plain text (and of the content warning).
    public static let textBytes = 1_048_576
    /// Bytes of a URL (item, author, enclosure); a longer one is dropped.
    public static let urlBytes = 8_192

    /// `text` cut to at most `limit` UTF-8 bytes at a character boundary; nil when it fits.
    public static func prefix(_ text: String, bytes limit: Int) -> String? {
        guard text.utf8.count > limit else { return nil }
        let bytes = Array(text.utf8)
        var cut = limit
        // Never split a UTF-8 sequence: back up to the lead byte of the cut character.
        while cut > 0 && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        return String(decoding: bytes[..<cut], as: UTF8.self)
    }
}

extension Item {
    /// Cuts the item to ``ItemLimits``; returns true when something was cut.
    @discardableResult
    public mutating func applyLimits() -> Bool {
        var cut = false
        func clip(_ s: inout String?, _ limit: Int) {
            if let v = s, let short = ItemLimits.prefix(v, bytes: limit) { s = short; cut = true }
        }
        clip(&title, ItemLimits.titleBytes)
        clip(&text, ItemLimits.textBytes)
        clip(&contentWarning, ItemLimits.textBytes)
        if let u = url, u.utf8.count > ItemLimits.urlBytes { url = nil; cut = true }
        if tags.count > ItemLimits.tags { tags.removeSubrange(ItemLimits.tags...); cut = true }
        for i in tags.indices {
            if let short = ItemLimits.prefix(tags[i], bytes: ItemLimits.tagBytes) { tags[i] = short; cut = true }
        }
        let before = enclosures.count
        // Asked first: `removeAll(where:)` gives even an empty array a buffer of its own (an
        // allocation and a free per item, callgrind).
        if enclosures.contains(where: { $0.url.utf8.count > ItemLimits.urlBytes }) {
            enclosures.removeAll { $0.url.utf8.count > ItemLimits.urlBytes }
        }
        if enclosures.count > ItemLimits.enclosures { enclosures.removeSubrange(ItemLimits.enclosures...) }
        if enclosures.count != before { cut = true }
        return cut
    }
}
