/// Reading the wire structs from a ``JSONDocument`` with one pass over each object's members
/// (``JSONKeys``): no Codable machinery, strings decoded only for the members a feed uses.
extension JSONFeedWire {
    fileprivate static let feedKeys = JSONKeys(["version", "title", "home_page_url", "feed_url", "language", "author", "authors", "items"])
    fileprivate static let entryKeys = JSONKeys([
        "id", "url", "external_url", "title", "content_html", "content_text", "summary", "date_published",
        "date_modified", "author", "authors", "tags", "language", "attachments",
    ])
    fileprivate static let personKeys = JSONKeys(["name", "url", "avatar"])
    fileprivate static let attachmentKeys = JSONKeys(["url", "mime_type", "size_in_bytes"])

    /// The feed in `root`; throws when `root` is not an object or a member has another type.
    init(_ root: JSONValue) throws(JSONTypeError) {
        let f = try root.requireObject().fields(Self.feedKeys)
        version = try f.string(0)
        title = try f.string(1)
        home_page_url = try f.string(2)
        feed_url = try f.string(3)
        language = try f.string(4)
        author = try f.object(5).map { v throws(JSONTypeError) in try Person(v) }
        authors = try Self.list(f.array(6)) { v throws(JSONTypeError) in try Person(v.requireObject()) }
        items = try Self.list(f.array(7)) { v throws(JSONTypeError) in try Entry(v.requireObject()) }
    }

    /// Maps the elements of an optional array, keeping nil for a missing one.
    fileprivate static func list<T>(_ values: [JSONValue]?, _ read: (JSONValue) throws(JSONTypeError) -> T) throws(JSONTypeError) -> [T]? {
        guard let values else { return nil }
        var out: [T] = []
        out.reserveCapacity(values.count)
        for v in values { out.append(try read(v)) }
        return out
    }
}

extension JSONFeedWire.Person {
    init(_ value: JSONValue) throws(JSONTypeError) {
        let f = value.fields(JSONFeedWire.personKeys)
        name = try f.string(0)
        url = try f.string(1)
        avatar = try f.string(2)
    }
}

extension JSONFeedWire.Attachment {
    init(_ value: JSONValue) throws(JSONTypeError) {
        let f = value.fields(JSONFeedWire.attachmentKeys)
        url = try f.string(0)
        mime_type = try f.string(1)
        size_in_bytes = try f[2].flatMap { v throws(JSONTypeError) -> Double? in
            if v.isNull { return nil }
            guard let d = v.doubleValue else { throw v.mismatch("number") }
            return d
        }
    }
}

extension JSONFeedWire.Entry {
    init(_ value: JSONValue) throws(JSONTypeError) {
        let f = value.fields(JSONFeedWire.entryKeys)
        id = try f[0].flatMap { v throws(JSONTypeError) in try Self.looseString(v) }
        url = try f.string(1)
        external_url = try f.string(2)
        title = try f.string(3)
        content_html = try f.string(4)
        content_text = try f.string(5)
        summary = try f.string(6)
        date_published = try f.string(7)
        date_modified = try f.string(8)
        author = try f.object(9).map { v throws(JSONTypeError) in try JSONFeedWire.Person(v) }
        authors = try JSONFeedWire.list(f.array(10)) { v throws(JSONTypeError) in try JSONFeedWire.Person(v.requireObject()) }
        tags = try JSONFeedWire.list(f.array(11)) { v throws(JSONTypeError) in
            guard let s = v.stringValue else { throw v.mismatch("string") }
            return s
        }
        language = try f.string(12)
        attachments = try JSONFeedWire.list(f.array(13)) { v throws(JSONTypeError) in try JSONFeedWire.Attachment(v.requireObject()) }
    }

    /// An id that should be a string but is sometimes a number (JSON Feed ids in the wild):
    /// the string; an integer as its decimal digits; another number as Swift prints the Double.
    static func looseString(_ v: JSONValue) throws(JSONTypeError) -> String? {
        switch v.kind {
        case .null: return nil
        case .string: return v.stringValue
        case .number:
            if let i = v.int64Value { return String(i) }
            if let d = v.doubleValue { return String(d) }
            throw v.mismatch("string or number")
        default: throw v.mismatch("string or number")
        }
    }
}

