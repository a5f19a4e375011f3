/// Reading the wire structs from a ``JSONDocument`` with one pass over each object's members
/// (``JSONKeys``): no Codable machinery, strings decoded only for the members a feed uses.
/// Real feeds put odd types in odd places (a number for a title, a string for `tags`, an
/// author that is a bare string): such a member is coerced when the meaning is plain (a
/// number or a name as a string, one string as one tag) and dropped otherwise, the item is
/// kept, and each case is one warning naming the member's path (`items[3].title`).
extension JSONFeedWire {
    fileprivate static let feedKeys = JSONKeys(["version", "title", "home_page_url", "feed_url", "language", "author", "authors", "items"])
    fileprivate static let entryKeys = JSONKeys([
        "id", "url", "external_url", "title", "content_html", "content_text", "summary", "date_published",
        "date_modified", "author", "authors", "tags", "language", "attachments",
    ])
    fileprivate static let personKeys = JSONKeys(["name", "url", "avatar"])
    fileprivate static let attachmentKeys = JSONKeys(["url", "mime_type", "size_in_bytes"])

    /// The feed in `root`; throws only when `root` is not an object.
    init(_ root: JSONValue) throws(JSONTypeError) {
        var r = JSONFeedLenientReader()
        let f = try root.requireObject().fields(Self.feedKeys)
        version = r.string(f[0])
        title = r.string(f[1])
        home_page_url = r.string(f[2])
        feed_url = r.string(f[3])
        language = r.string(f[4])
        author = f[5].flatMap { r.person($0) }
        authors = r.list(f[6]) { r, v in r.person(v) }
        items = r.list(f[7]) { r, v in Entry(v, &r) }
        warnings = r.warnings
    }
}

extension JSONFeedWire.Person {
    fileprivate init(_ f: JSONFields, _ r: inout JSONFeedLenientReader) {
        name = r.string(f[0])
        url = r.string(f[1])
        avatar = r.string(f[2])
    }
}

extension JSONFeedWire.Entry {
    /// The entry, or nil (with a warning) when `value` is not an object.
    fileprivate init?(_ value: JSONValue, _ r: inout JSONFeedLenientReader) {
        guard value.kind == .object else {
            r.warn(value, "an item that is not an object was skipped")
            return nil
        }
        let f = value.fields(JSONFeedWire.entryKeys)
        // A number for `id` is common and documented (numbers become strings): no warning.
        id = f[0].flatMap { $0.kind == .number ? ($0.int64Value.map(String.init) ?? $0.doubleValue.map { String($0) }) : r.string($0) }
        url = r.link(f[1])
        external_url = r.link(f[2])
        title = r.string(f[3])
        content_html = r.string(f[4])
        content_text = r.string(f[5])
        summary = r.string(f[6])
        date_published = r.string(f[7])
        date_modified = r.string(f[8])
        author = f[9].flatMap { r.person($0) }
        authors = r.list(f[10]) { r, v in r.person(v) }
        tags = r.tags(f[11])
        language = r.string(f[12])
        attachments = r.list(f[13]) { r, v -> JSONFeedWire.Attachment? in
            guard v.kind == .object else {
                r.warn(v, "an attachment that is not an object was skipped")
                return nil
            }
            let a = v.fields(JSONFeedWire.attachmentKeys)
            return JSONFeedWire.Attachment(url: r.string(a[0]), mime_type: r.string(a[1]), size_in_bytes: r.number(a[2]))
        }
    }
}

/// Reads members leniently and keeps the warnings (see the extension's documentation).
struct JSONFeedLenientReader {
    private(set) var warnings: [String] = []
    /// At most this many warnings are kept per document (the count is still right in the last).
    private static let maxWarnings = 20
    private var dropped = 0

    mutating func warn(_ value: JSONValue, _ message: String) {
        if warnings.count < Self.maxWarnings {
            warnings.append("\(value.path): \(message)")
        } else {
            dropped += 1
        }
    }

    /// A string member; a number or boolean is kept as its text, anything else dropped.
    mutating func string(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        switch value.kind {
        case .null: return nil
        case .string: return value.stringValue
        case .number:
            let text = value.int64Value.map(String.init) ?? value.doubleValue.map { String($0) }
            warn(value, "expected a string, found a number (kept as \"\(text ?? "")\")")
            return text
        case .bool:
            let text = value.boolValue.map(String.init)
            warn(value, "expected a string, found a boolean (kept as \"\(text ?? "")\")")
            return text
        default:
            warn(value, "expected a string, found \(value.kind.name) (dropped)")
            return nil
        }
    }

    /// A URL member: a string; anything else (a number is no link) dropped.
    mutating func link(_ value: JSONValue?) -> String? {
        guard let value, !value.isNull else { return nil }
        guard value.kind == .string else {
            warn(value, "expected a URL string, found \(value.kind.name) (dropped)")
            return nil
        }
        return value.stringValue
    }

    /// A number member; a string of digits is read as one, anything else dropped.
    mutating func number(_ value: JSONValue?) -> Double? {
        guard let value else { return nil }
        switch value.kind {
        case .null: return nil
        case .number: return value.doubleValue
        case .string:
            if let d = value.stringValue.flatMap({ Double($0.filter { $0 != " " }) }) { return d }
            fallthrough
        default:
            warn(value, "expected a number, found \(value.kind.name) (dropped)")
            return nil
        }
    }

    /// An author object (extra members ignored); a bare string is the author's name.
    mutating func person(_ value: JSONValue) -> JSONFeedWire.Person? {
        switch value.kind {
        case .null: return nil
        case .object: return JSONFeedWire.Person(value.fields(JSONFeedWire.personKeys), &self)
        case .string:
            warn(value, "expected an author object, found a string (kept as the name)")
            return JSONFeedWire.Person(name: value.stringValue, url: nil, avatar: nil)
        default:
            warn(value, "expected an author object, found \(value.kind.name) (dropped)")
            return nil
        }
    }

    /// `tags`: a list of strings; a single string is one tag (or several, comma-separated).
    mutating func tags(_ value: JSONValue?) -> [String]? {
        guard let value, !value.isNull else { return nil }
        if value.kind == .string {
            warn(value, "expected a list of tags, found a string (read as tags)")
            return (value.stringValue ?? "").split(separator: ",").map { String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
                .filter { !$0.isEmpty }
        }
        return list(value) { r, v in r.string(v) }
    }

    /// The elements of an array member read by `read` (nil ones skipped); a member that is no
    /// array is dropped with a warning.
    mutating func list<T>(_ value: JSONValue?, _ read: (inout JSONFeedLenientReader, JSONValue) -> T?) -> [T]? {
        guard let value, !value.isNull else { return nil }
        guard value.kind == .array else {
            warn(value, "expected a list, found \(value.kind.name) (dropped)")
            return nil
        }
        var out: [T] = []
        for v in value.elements {
            if let t = read(&self, v) { out.append(t) }
        }
        return out
    }
}
