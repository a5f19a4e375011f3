/// URLs without the credentials a config may put in them (`?access_token=…`, `https://user:pass@…`):
/// the base that relative links in a fetched document resolve against (so a fragment-only
/// `href="#c1"` never carries the token into a delivered item), and the form a URL is kept in
/// the state (``SecretRedactor/mask`` in place of each secret, restored from the configured URL
/// when it is used again).
public enum CredentialURL {
    /// `url` without user info and without the query parameters that hold secrets (any spelling,
    /// ``SecretRedactor/isSecretParameter(_:)``); secrets nested in other parameters' encoded
    /// values are masked. Other parameters and the fragment are kept.
    public static func withoutSecrets(_ url: String) -> String {
        var head = Substring(url)
        var fragment: Substring = ""
        if let hash = head.firstIndex(of: "#") {
            fragment = head[hash...]
            head = head[..<hash]
        }
        var query: Substring?
        if let q = head.firstIndex(of: "?") {
            query = head[head.index(after: q)...]
            head = head[..<q]
        }
        var out = withoutUserInfo(head)
        if let query {
            let kept = query.split(separator: "&", omittingEmptySubsequences: false).filter { pair in
                let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                return !SecretRedactor.isSecretParameter(name.removingPercentEncoding ?? String(name))
            }
            if !kept.isEmpty { out += "?" + kept.joined(separator: "&") }
        }
        return SecretRedactor.redactQueryValues(in: out + fragment)
    }

    /// The masked form a URL is kept in (the state): every secret replaced by the mask.
    public static func masked(_ url: String) -> String { SecretRedactor().redact(url) }

    /// A URL kept in ``masked(_:)`` form with its secrets put back from `configured` (the
    /// config's URL for the same source): each masked query value from the parameter of the same
    /// name, masked user info from the configured user info. Nil when a secret cannot be
    /// restored (the caller then starts again from the configured URL).
    public static func restore(_ stored: String, from configured: String) -> String? {
        let mask = SecretRedactor.mask
        guard stored.contains(mask) else { return stored }
        var head = Substring(stored)
        var tail: Substring = ""
        if let hash = head.firstIndex(of: "#") {
            tail = head[hash...]
            head = head[..<hash]
        }
        var query: Substring?
        if let q = head.firstIndex(of: "?") {
            query = head[head.index(after: q)...]
            head = head[..<q]
        }
        guard var out = restoreUserInfo(head, from: configured) else { return nil }
        if let query {
            var pairs: [String] = []
            for pair in query.split(separator: "&", omittingEmptySubsequences: false) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, parts[1].contains(mask) else { pairs.append(String(pair)); continue }
                guard parts[1] == mask, let value = parameter(String(parts[0]), in: configured) else { return nil }
                pairs.append("\(parts[0])=\(value)")
            }
            out += "?" + pairs.joined(separator: "&")
        }
        guard !tail.contains(mask) else { return nil }
        return out + tail
    }

    /// The raw value of query parameter `name` in `url`.
    static func parameter(_ name: String, in url: String) -> String? {
        guard let q = url.firstIndex(of: "?") else { return nil }
        let query = url[url.index(after: q)...].prefix { $0 != "#" }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2, parts[0] == name { return String(parts[1]) }
        }
        return nil
    }

    /// The `user:pass@` of `url`'s authority, if any.
    static func userInfo(_ url: Substring) -> (range: Range<Substring.Index>, text: Substring)? {
        guard let scheme = url.range(of: "://") else { return nil }
        let after = url[scheme.upperBound...]
        let end = after.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? after.endIndex
        guard let at = after[..<end].lastIndex(of: "@") else { return nil }
        let range = scheme.upperBound..<url.index(after: at)
        return (range, url[range])
    }

    static func withoutUserInfo(_ url: Substring) -> String {
        guard let info = userInfo(url) else { return String(url) }
        var copy = url
        copy.removeSubrange(info.range)
        return String(copy)
    }

    static func restoreUserInfo(_ url: Substring, from configured: String) -> String? {
        guard let info = userInfo(url), info.text.contains(SecretRedactor.mask) else { return String(url) }
        guard let original = userInfo(Substring(configured)) else { return nil }
        var copy = url
        copy.replaceSubrange(info.range, with: original.text)
        return String(copy)
    }
}
