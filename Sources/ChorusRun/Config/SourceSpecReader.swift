import ChorusConnectors
import ChorusParse
import Yams

/// Decodes the type-specific keys of one source into its ``SourceSpec``, once, where every
/// value still has its YAML node: a bad value is a problem at its line and column. The grammar
/// of each option (counts, `kinds`, `lookback`, booleans, URLs, secrets) lives here only.
struct SourceSpecReader {
    let reader: ConfigReader
    let type: SourceType
    /// The source's keys, already checked against the type's allowed keys.
    let keys: [String: (key: Node, value: Node)]
    /// `sources[i]`, the prefix of every message.
    let at: String

    /// The spec, or nil when a required key is missing or a value is unusable (each reported).
    func read(_ node: Node) -> SourceSpec? {
        var values: [String: String] = [:]
        var variables: [String: String] = [:]
        for key in type.keys.required.flatMap({ $0 }) + type.keys.optional {
            guard let n = keys[key]?.value else { continue }
            let value = type.keys.urls.contains(key) ? reader.url(n, at: "\(at).\(key)") : reader.nonEmptyString(n, at: "\(at).\(key)")
            if let value { values[key] = value }
            if SourceType.secretKeys.contains(key), let raw = n.scalar?.string,
               raw.hasPrefix("${"), raw.hasSuffix("}"), !raw.dropFirst(2).dropLast().contains("$") {
                variables[key] = String(raw.dropFirst(2).dropLast())
            }
        }
        for group in type.keys.required where !group.contains(where: { keys[$0] != nil }) {
            let what = group.count == 1 ? "key '\(group[0])'" : "one of \(group.map { "'\($0)'" }.joined(separator: ", "))"
            reader.problem(node, "\(at): a \(type.rawValue) source needs \(what)")
        }
        for message in CredentialRules.problems(type: type, present: { keys[$0] != nil }) {
            reader.problem(node, "\(at): \(message)")
        }
        let options = Values(values: values, variables: variables, nodes: keys, reader: reader, at: at)
        let paging = options.paging()
        // A disabled source may keep problems that are forgiven later (unset secrets): build what can be built.
        return build(options, paging: paging)
    }

    private func build(_ o: Values, paging: SourceSpec.Paging) -> SourceSpec? {
        switch type {
        case .feed:
            return o["url"].map { .feed(url: $0) }
        case .json:
            guard let url = o["url"] else { return nil }
            let d = JSONMapping()
            let mapping = JSONMapping(
                itemsPath: o["items"] ?? d.itemsPath, id: o["id"] ?? d.id, url: o["link"] ?? d.url, title: o["title"] ?? d.title,
                text: o["text"] ?? d.text, textIsHTML: o.bool("text_is_html") ?? false, authorHandle: o["author"] ?? d.authorHandle,
                authorName: o["author_name"] ?? d.authorName, publishedAt: o["published"] ?? d.publishedAt,
                updatedAt: o["updated"] ?? d.updatedAt, lang: o["lang"] ?? d.lang, tags: o["tags"] ?? d.tags)
            return .json(.init(url: url, mapping: mapping, token: o["token"], tokenVariable: o.variable("token"), maxItems: paging.maxItems))
        case .mastodon:
            guard let instance = o["instance"] else { return nil }
            let stream: MastodonConnector.Stream
            if let tag = o["hashtag"] { stream = .hashtag(tag.hasPrefix("#") ? String(tag.dropFirst()) : tag) }
            else if let account = o["account"] { stream = .account(account) }
            else if let query = o["query"] { stream = .search(query) }
            else { return nil }
            return .mastodon(.init(instance: instance, stream: stream, token: o["token"], tokenVariable: o.variable("token"), paging: paging))
        case .bluesky:
            let stream: BlueskyAPI.Stream
            if let query = o["query"] { stream = .search(query) } else if let author = o["author"] { stream = .author(author) } else { return nil }
            var login: PlatformLogin?
            if let handle = o["handle"], let password = o["app_password"] { login = .bluesky(identifier: handle, appPassword: password) }
            return .bluesky(.init(
                stream: stream, baseURL: o["base_url"], token: o["token"], tokenVariable: o.variable("token"), language: o["lang"], login: login, paging: paging))
        case .reddit:
            let stream: RedditAPI.Stream
            if let query = o["query"] { stream = .search(query: query, subreddit: o["subreddit"]) } else if let sub = o["subreddit"] {
                stream = .subreddit(sub.hasPrefix("r/") ? String(sub.dropFirst(2)) : sub)
            } else { return nil }
            var login: PlatformLogin?
            if let id = o["client_id"], let secret = o["client_secret"] {
                if let user = o["username"], let password = o["password"] {
                    login = .redditPassword(clientID: id, clientSecret: secret, username: user, password: password)
                } else {
                    login = .redditAppOnly(clientID: id, clientSecret: secret)
                }
            }
            return .reddit(.init(
                stream: stream, baseURL: o["base_url"], oauthURL: o["oauth_url"], tokenURL: o["token_url"], token: o["token"], tokenVariable: o.variable("token"),
                login: login, paging: paging))
        case .hackernews:
            guard let query = o["query"] else { return nil }
            return .hackernews(.init(query: query, baseURL: o["base_url"], kinds: o.kinds(), lookback: o.lookback(), paging: paging))
        case .x:
            guard let query = o["query"] else { return nil }
            return .x(.init(
                query: query, baseURL: o["base_url"], bearerToken: o["bearer_token"], tokenVariable: o.variable("bearer_token"), paging: paging))
        }
    }

    /// The string values read from the source, and the typed readings of the ones with a grammar;
    /// a value that does not fit is reported at its node.
    private struct Values {
        let values: [String: String]
        let variables: [String: String]
        let nodes: [String: (key: Node, value: Node)]
        let reader: ConfigReader
        let at: String

        subscript(_ key: String) -> String? { values[key] }

        /// The environment variable a secret was written as (`${VAR}`), named in auth errors.
        func variable(_ key: String) -> String? { variables[key] }

        /// Reports `message` at the value's node.
        private func problem(_ key: String, _ message: String) {
            reader.problem(nodes[key]?.value, "\(at).\(key): \(message)")
        }

        /// `page_size`, `max_pages`, `max_items`: whole numbers 1...1000.
        func paging() -> SourceSpec.Paging {
            func count(_ key: String) -> Int? {
                guard let s = values[key] else { return nil }
                guard let v = Int(s), (1...1000).contains(v) else {
                    problem(key, "expected a whole number 1...1000, found '\(s)'")
                    return nil
                }
                return v
            }
            return SourceSpec.Paging(pageSize: count("page_size"), maxPages: count("max_pages"), maxItems: count("max_items"))
        }

        func bool(_ key: String) -> Bool? {
            guard let s = values[key] else { return nil }
            guard let v = ConfigReader.boolValue(s) else {
                problem(key, "expected true or false, found '\(s)'")
                return nil
            }
            return v
        }

        /// `lookback`: a duration up to 100 years.
        func lookback() -> Double? {
            guard let s = values["lookback"] else { return nil }
            guard let v = ConfigValueParser.duration(s, limit: ConfigValueParser.maxLookback) else {
                problem("lookback", "expected a duration like 6h or 2d (at most 36500d), found '\(s)'")
                return nil
            }
            return v
        }

        /// `kinds`: `story`, `comment`, or both separated by a comma.
        func kinds() -> [HackerNewsAPI.HitKind]? {
            guard let s = values["kinds"] else { return nil }
            let kinds = s.split(separator: ",").map { HackerNewsAPI.HitKind(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
            guard !kinds.isEmpty, kinds.allSatisfy({ $0 != nil }) else {
                problem("kinds", "expected 'story', 'comment' or 'story,comment', found '\(s)'")
                return nil
            }
            return kinds.compactMap { $0 }
        }
    }
}
