/// JSON Feed 1.0 / 1.1 as it appears on the wire (https://jsonfeed.org/version/1.1).
struct JSONFeedWire: Decodable {
    var version: String?
    var title: String?
    var home_page_url: String?
    var feed_url: String?
    var language: String?
    var author: Person?
    var authors: [Person]?
    var items: [Entry]?

    /// An author object (1.1 `authors[]`, 1.0 `author`).
    struct Person: Decodable {
        var name: String?
        var url: String?
        var avatar: String?
    }

    /// An `attachments[]` entry.
    struct Attachment: Decodable {
        var url: String?
        var mime_type: String?
        var size_in_bytes: Double?
    }

    /// One `items[]` entry.
    struct Entry: Decodable {
        var id: LooseString?
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

/// A JSON value that should be a string but is sometimes a number (JSON Feed ids in the wild).
struct LooseString: Decodable {
    var value: String

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { value = s; return }
        if let i = try? c.decode(Int64.self) { value = String(i); return }
        let d = try c.decode(Double.self)
        value = String(d)
    }
}

/// How a JSON Feed is recognised.
extension JSONFeedWire {
    /// True when `version` names a JSON Feed version (how a JSON Feed is told from a social payload).
    var isJSONFeed: Bool { version?.hasPrefix("https://jsonfeed.org/version/") == true || version?.hasPrefix("http://jsonfeed.org/version/") == true }
}
