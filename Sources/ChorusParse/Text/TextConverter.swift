/// Turns captured bytes into a field's plain text: HTML through an ``HTMLTextExtractor``,
/// raw text whitespace-collapsed, already-collapsed text as is. Owns reusable buffers, so
/// each thread that converts text uses its own converter. HTML in the simple subset that
/// ``SocialHTMLText`` is sure of (same output as libxml2, held equal by tests) skips starting
/// libxml2's HTML parser; everything else goes through it.
final class TextConverter {
    private lazy var extractor = HTMLTextExtractor()
    private var fast = SocialHTMLText()
    private let scratch = TextAccumulator(capacity: 1024)

    /// Plain text of `bytes` (`html`: HTML markup; `raw`: whitespace not yet collapsed), nil when empty.
    func plain(_ bytes: UnsafeBufferPointer<UInt8>, html: Bool, raw: Bool) -> String? {
        if html {
            if let text = fast.convert(bytes) { return text }
            return extractor.plainText(bytes)
        }
        if !raw { return bytes.isEmpty ? nil : UTF8StringDecoder.string(bytes) }
        scratch.reset()
        scratch.append(bytes)
        return scratch.string()
    }

    /// Plain text of a captured field, nil when absent or empty.
    func plain(_ text: RawText?) -> String? {
        guard let text else { return nil }
        return text.bytes.withUnsafeBufferPointer { plain($0, html: text.html, raw: text.raw) }
    }

    /// Plain text of a one-line field (a title, a name): line breaks from block elements are spaces.
    func line(_ text: RawText?) -> String? {
        plain(text).map(TextConverter.oneLine)
    }

    /// `text` with each line feed (a block boundary; the only kind converted text holds) a space.
    static func oneLine(_ text: String) -> String {
        StringBytes.contains(text, 0x0A) ? String(decoding: text.utf8.map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self) : text
    }
}
