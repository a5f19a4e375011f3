import CLibXML2

/// How an HTML element affects plain text: inline elements join words, block elements
/// separate them, hidden elements (head, title, script, style, noscript, template) drop
/// their text.
enum HTMLElementKind {
    case inline, block, hidden

    private static let blocks: Set<String> = [
        "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "section",
        "article", "aside", "header", "footer", "nav", "figure", "figcaption", "address", "main", "form",
        "fieldset", "legend", "details", "summary", "body", "html", "center", "img", "video", "audio", "iframe",
    ]
    private static let hiddenNames: Set<String> = ["head", "title", "script", "style", "noscript", "template", "object", "embed"]

    init(_ name: UnsafePointer<xmlChar>?) {
        guard let name else { self = .inline; return }
        let text = String(cString: name)
        self.init(lowercased: text.utf8.contains { $0 >= 65 && $0 <= 90 } ? text.lowercased() : text)
    }

    init(lowercased name: String) {
        if HTMLElementKind.blocks.contains(name) { self = .block } else if HTMLElementKind.hiddenNames.contains(name) { self = .hidden } else { self = .inline }
    }
}
