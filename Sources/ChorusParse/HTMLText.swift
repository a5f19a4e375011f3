/// Turns HTML fragments into plain text (skeleton: replaced by the libxml2-based converter).
public enum HTMLText {
    /// Plain text of an HTML fragment: tags dropped, entities decoded, blocks separated by spaces.
    public static func plainText(_ html: String) -> String {
        var out = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true; continue }
            if ch == ">" { inTag = false; continue }
            if !inTag { out.append(ch) }
        }
        return out
    }
}
