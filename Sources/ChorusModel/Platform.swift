/// Where an item came from, as written in NDJSON `platform`.
public enum Platform: String, Sendable, CaseIterable, Codable {
    case rss, atom, rdf, jsonfeed, mastodon, bluesky, reddit, hackernews, x, json

    /// Feed formats share one id namespace, so the same article read as RSS and as Atom dedups.
    public var idNamespace: String {
        switch self {
        case .rss, .atom, .rdf, .jsonfeed: "feed"
        default: rawValue
        }
    }
}

/// What an item is, as written in NDJSON `kind`.
public enum ItemKind: String, Sendable, CaseIterable, Codable {
    case article, post, reply, repost
}
