import CLibXML2

/// How an HTML element affects plain text: inline elements join words, block elements
/// (paragraphs, list items, line breaks, headings, rows, quotes) end a line, spaced elements
/// (table cells, images and other media) only separate words, hidden elements (head, title, script, style, noscript, template, and the
/// embedding elements object, applet, iframe, frame, whose content is fallback markup) drop
/// their text. Void elements (embed, meta, link, param, …) have no content to drop.
enum HTMLElementKind {
    case inline, block, spaced, hidden

    private static let blocks: Set<String> = [
        "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "table", "tr", "thead", "tbody", "tfoot", "caption", "section",
        "article", "aside", "header", "footer", "nav", "figure", "figcaption", "address", "main", "form",
        "fieldset", "legend", "details", "summary", "body", "html", "center", "frameset", "dir", "menu",
    ]
    private static let spacedNames: Set<String> = ["td", "th", "img", "video", "audio", "embed"]
    private static let hiddenNames: Set<String> = [
        "head", "title", "script", "style", "noscript", "template", "object", "applet", "iframe", "frame", "noembed", "noframes",
        "meta", "link", "xml",
    ]
    /// Hidden elements whose content an unclosed start tag would otherwise hide to the end of
    /// the fragment (`safe<object classid="…"> description`): when a fragment has no end tag
    /// for one, its start tag hides nothing.
    static let closable = ["object", "applet", "iframe", "frame", "noembed", "noframes", "noscript", "template", "title", "xml"]

    init(_ name: UnsafePointer<xmlChar>?) {
        guard let name else { self = .inline; return }
        let text = String(cString: name)
        self.init(lowercased: text.utf8.contains { $0 >= 65 && $0 <= 90 } ? text.lowercased() : text)
    }

    init(lowercased name: String) {
        if HTMLElementKind.blocks.contains(name) {
            self = .block
        } else if HTMLElementKind.spacedNames.contains(name) {
            self = .spaced
        } else if HTMLElementKind.hiddenNames.contains(name) {
            self = .hidden
        } else {
            self = .inline
        }
    }
}
