import ChorusModel
import Foundation

/// Reads the author forms feeds use in one string: `email (Name)`, `Name (email)`,
/// `Name <email>`, a bare email (`mailto:` dropped), or a bare name.
enum AuthorParser {
    static func parse(_ raw: String) -> Author? {
        // Fast path: a plain name (no email, no brackets), already whitespace-normalized by the parser.
        if !StringBytes.containsAny(raw, (UInt8(ascii: "@"), UInt8(ascii: "<"), UInt8(ascii: "("))) {
            let first = raw.utf8.first, last = raw.utf8.last
            if let first, let last, first != 0x20, last != 0x20, first != 0x0A, last != 0x0A { return Author(name: raw) }
        }
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !s.isEmpty else { return nil }
        if s.hasSuffix(")"), let open = s.firstIndex(of: "(") {
            let head = s[..<open].trimmingCharacters(in: .whitespaces)
            let inner = s[s.index(after: open)..<s.index(before: s.endIndex)].trimmingCharacters(in: .whitespaces)
            if head.contains("@"), !head.contains(" ") {
                return Author(name: inner.isEmpty || inner == head ? nil : inner, email: email(head))
            }
            if inner.contains("@"), !inner.contains(" "), !head.isEmpty {
                return Author(name: head, email: email(inner))
            }
        }
        if s.hasSuffix(">"), let open = s.lastIndex(of: "<") {
            let name = s[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            let email = s[s.index(after: open)..<s.index(before: s.endIndex)].trimmingCharacters(in: .whitespaces)
            if email.contains("@") {
                return Author(name: name.isEmpty ? nil : name, email: Self.email(email))
            }
        }
        if s.contains("@"), !s.contains(" ") {
            return Author(email: email(s))
        }
        return Author(name: s)
    }

    private static func email(_ s: String) -> String {
        s.lowercased().hasPrefix("mailto:") ? String(s.dropFirst(7)) : s
    }
}
