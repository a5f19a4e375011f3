/// JSON Feed 1.0 / 1.1 as it appears on the wire (https://jsonfeed.org/version/1.1), read
/// from a ``JSONDocument`` tape. Every member is optional; a member of the wrong type is
/// coerced or dropped with a warning naming it (see `JSONFeedWire+Reading.swift`).
struct JSONFeedWire {
    var version: String?
    var title: String?
    var home_page_url: String?
    var feed_url: String?
    var language: String?
    var author: Person?
    var authors: [Person]?
    var items: [Entry]?
    /// One line per member that had to be coerced or dropped, naming its path.
    var warnings: [String] = []

    /// An author object (1.1 `authors[]`, 1.0 `author`).
    struct Person {
        var name: String?
        var url: String?
        var avatar: String?
    }

    /// An `attachments[]` entry.
    struct Attachment {
        var url: String?
        var mime_type: String?
        var size_in_bytes: Double?
    }

    /// One `items[]` entry.
    struct Entry {
        var id: String?
        var url: String?
        var external_url: String?
        var title: String?
        var content_html: String?
        var content_text: String?
        var summary: String?
        var date_published: String?
        var date_modified: String?
        var author: Person?
        var authors: [Person]?
        var tags: [String]?
        var language: String?
        var attachments: [Attachment]?
    }
}

/// How a JSON Feed is recognised.
extension JSONFeedWire {
    /// True when `version` names a JSON Feed version (how a JSON Feed is told from a social
    /// payload): the spec's URL, or the bare number some generators write (`"1"`, `"1.0"`,
    /// `"1.1"`) beside an `items` array.
    var isJSONFeed: Bool {
        guard let version else { return false }
        if version.hasPrefix("https://jsonfeed.org/version/") || version.hasPrefix("http://jsonfeed.org/version/") { return true }
        return items != nil && (version == "1" || version == "1.0" || version == "1.1")
    }
}
