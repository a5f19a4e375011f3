import ChorusModel

/// Recognizes which platform's API response a JSON value is, from its structure (member
/// names, value types and a few values such as Reddit's `"kind": "Listing"`), never from
/// substrings of the bytes: what `chorus parse --platform auto` uses after ruling out JSON
/// Feed. The rules are tight on purpose; a forced `--platform` decodes looser shapes.
enum SocialShapeDetector {
    /// The platform whose response `root` is, or nil.
    static func platform(of root: JSONValue) -> Platform? {
        switch root.kind {
        case .array:
            guard let first = root.elements.first else { return nil }
            if first.kind == .object, first["kind"]?.stringValue == "Listing" { return .reddit }
            if isMastodonEntry(first) { return .mastodon }
            if isHackerNewsItem(first) { return .hackernews }
            return nil
        case .object:
            return objectPlatform(root)
        default:
            return nil
        }
    }

    private static func objectPlatform(_ o: JSONValue) -> Platform? {
        if o["kind"]?.stringValue == "Listing", o["data"]?.kind == .object { return .reddit }
        if o["json"]?["data"]?["things"]?.kind == .array { return .reddit }
        if let hits = o["hits"], hits.kind == .array, o["nbPages"] != nil || o["nbHits"] != nil || o["hitsPerPage"] != nil {
            return .hackernews
        }
        if isHackerNewsItem(o) { return .hackernews }
        if isBluesky(o) { return .bluesky }
        if isMastodonEntry(o) { return .mastodon }
        if o["ancestors"]?.kind == .array, o["descendants"]?.kind == .array { return .mastodon }
        if let statuses = o["statuses"], statuses.kind == .array {
            if let first = statuses.elements.first { return isMastodonStatus(first) ? .mastodon : nil }
            return o["accounts"] != nil && o["hashtags"] != nil ? .mastodon : nil
        }
        if isX(o) { return .x }
        return nil
    }

    // MARK: Mastodon

    /// A Status entity: string `id` and `uri`, an `account` object, `content` and `created_at`.
    static func isMastodonStatus(_ v: JSONValue) -> Bool {
        v.kind == .object && v["id"]?.kind == .string && v["uri"]?.kind == .string && v["account"]?.kind == .object
            && v["content"] != nil && v["created_at"] != nil
    }

    /// A status, a notification (`type`, `account`, `created_at`, no `uri`) or a conversation
    /// (`accounts`, `last_status`).
    static func isMastodonEntry(_ v: JSONValue) -> Bool {
        guard v.kind == .object, v["id"]?.kind == .string else { return false }
        if isMastodonStatus(v) { return true }
        if v["type"]?.kind == .string, v["account"]?.kind == .object, v["created_at"] != nil, v["uri"] == nil { return true }
        return v["accounts"]?.kind == .array && v["last_status"] != nil
    }

    // MARK: Bluesky

    private static func isBluesky(_ o: JSONValue) -> Bool {
        if let feed = o["feed"], feed.kind == .array {
            guard let first = feed.elements.first else { return true }
            return first["post"]?.kind == .object
        }
        if let posts = o["posts"], posts.kind == .array {
            guard let first = posts.elements.first else { return true }
            return isATURI(first["uri"]) && first["record"]?.kind == .object
        }
        if let thread = o["thread"], thread.kind == .object {
            return thread["$type"]?.stringValue?.hasPrefix("app.bsky.feed.defs#") == true || thread["post"]?.kind == .object
        }
        if let notifications = o["notifications"], notifications.kind == .array, let first = notifications.elements.first {
            return isATURI(first["uri"]) && first["reason"]?.kind == .string && first["author"]?.kind == .object
        }
        if let records = o["records"], records.kind == .array, let first = records.elements.first {
            return isATURI(first["uri"]) && first["value"]?.kind == .object
        }
        return isATURI(o["uri"]) && o["value"]?.kind == .object
    }

    private static func isATURI(_ v: JSONValue?) -> Bool {
        v?.stringValue?.hasPrefix("at://") == true
    }

    // MARK: X

    /// `data` holding tweets (objects with `id` and `text`), a flattened tweet, or an API answer
    /// without data: `meta.result_count`, or `errors` in X's problem form (`title` and `detail`).
    private static func isX(_ o: JSONValue) -> Bool {
        func isTweet(_ v: JSONValue?) -> Bool { v?.kind == .object && v?["id"]?.kind == .string && v?["text"]?.kind == .string }
        if let data = o["data"] {
            if data.kind == .object { return isTweet(data) }
            if data.kind == .array { return data.elements.first.map { isTweet($0) } ?? (o["meta"]?.kind == .object) }
            return false
        }
        if o["meta"]?["result_count"]?.kind == .number { return true }
        // A flattened post (twarc's `--flatten` lines: the post itself, its `author` inline).
        if isTweet(o), o["author_id"] != nil || o["edit_history_tweet_ids"] != nil || o["conversation_id"] != nil { return true }
        if let errors = o["errors"], let first = errors.elements.first {
            return first["title"]?.kind == .string && first["detail"]?.kind == .string
        }
        return false
    }

    // MARK: Hacker News

    /// A Firebase item: a numeric `id`, a known `type` and a `time` (or a `deleted` mark).
    static func isHackerNewsItem(_ v: JSONValue) -> Bool {
        guard v.kind == .object, v["id"]?.kind == .number, let type = v["type"]?.stringValue else { return false }
        return ["story", "comment", "job", "poll", "pollopt"].contains(type) && (v["time"]?.kind == .number || v["deleted"] != nil)
    }

    // MARK: describing

    /// What a value is, for "… is no supported shape": `JSON object with keys [a, b, c]`,
    /// `JSON array of 3 objects with keys [...]`, `empty JSON array`, `JSON array of numbers`.
    static func describe(_ v: JSONValue) -> String {
        switch v.kind {
        case .object:
            return "JSON object with keys \(keyList(v))"
        case .array:
            guard let first = v.elements.first else { return "empty JSON array" }
            let n = v.count
            if first.kind == .object { return "JSON array of \(n) object\(n == 1 ? "" : "s") with keys \(keyList(first))" }
            return "JSON array of \(first.kind.name)s"
        default:
            return "JSON \(v.kind.name)"
        }
    }

    /// `[a, b, c]`, sorted, at most 12 names (`…` after them).
    private static func keyList(_ o: JSONValue) -> String {
        let keys = o.members.map(\.key).sorted()
        let shown = keys.prefix(12).map { $0.count > 40 ? String($0.prefix(40)) + "…" : $0 }
        return "[" + shown.joined(separator: ", ") + (keys.count > 12 ? ", …" : "") + "]"
    }
}
