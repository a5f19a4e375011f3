public import ChorusConnectors

/// Which credentials a source has, and which it lacks: credential keys that only work
/// together (a config problem when one is missing), and endpoints that platforms refuse
/// without a login (a warning `chorus check` prints).
public enum CredentialRules {
    /// Keys that must come together; each pair is (key present, key it needs).
    static let companions: [SourceType: [(String, String)]] = [
        .reddit: [("client_id", "client_secret"), ("client_secret", "client_id"), ("username", "password"), ("password", "username"), ("username", "client_id")],
        .bluesky: [("handle", "app_password"), ("app_password", "handle")],
    ]

    /// Problems for keys given without their companions ("a reddit source with client_id needs client_secret").
    static func problems(type: SourceType, present: (String) -> Bool) -> [String] {
        (companions[type] ?? []).compactMap { key, needed in
            present(key) && !present(needed) ? "a \(type.rawValue) source with '\(key)' needs '\(needed)'" : nil
        }
    }

    /// Why an enabled source will likely be refused for lack of credentials, or nil.
    public static func warning(_ source: SourceConfig) -> String? {
        guard source.enabled else { return nil }
        switch source.spec {
        case .bluesky(let b):
            guard case .search = b.stream, b.token == nil, b.login == nil else { return nil }
            return "Bluesky refuses searches without a login: set handle and app_password (an app password from the account's settings)"
        case .mastodon(let m):
            guard case .search = m.stream, m.token == nil else { return nil }
            return "Mastodon searches statuses only for a logged-in user: set token (an access token with read:search)"
        case .reddit(let r):
            guard r.token == nil, r.login == nil else { return nil }
            return "Reddit refuses or throttles anonymous reads: set client_id and client_secret (an app from reddit.com/prefs/apps)"
        case .feed, .json, .hackernews, .x:
            return nil
        }
    }
}
