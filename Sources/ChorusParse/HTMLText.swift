/// Turns HTML fragments into plain text through libxml2's HTML parser (see
/// ``HTMLTextExtractor``): script and style dropped, every entity decoded, link text kept,
/// block elements separating words, whitespace collapsed.
public enum HTMLText {
    /// Plain text of an HTML fragment: tags dropped, entities decoded, blocks separated by spaces.
    public static func plainText(_ html: String) -> String {
        HTMLTextExtractor().plainText(html) ?? ""
    }
}
