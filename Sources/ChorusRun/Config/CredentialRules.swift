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
    static func problems(type: SourceType, options: [String: String], present: (String) -> Bool) -> [String] {
        (companions[type] ?? []).compactMap { key, needed in
            present(key) && !present(needed) ? "a \(type.rawValue) source with '\(key)' needs '\(needed)'" : nil
        }
    }

    /// The login a source's options describe, if any.
    public static func login(_ source: SourceConfig) -> PlatformLogin? {
        let o = source.options
        switch source.type {
        case .reddit:
            guard let id = o["client_id"], let secret = o["client_secret"] else { return nil }
            if let user = o["username"], let password = o["password"] {
                return .redditPassword(clientID: id, clientSecret: secret, username: user, password: password)
            }
            return .redditAppOnly(clientID: id, clientSecret: secret)
        case .bluesky:
            guard let handle = o["handle"], let password = o["app_password"] else { return nil }
            return .bluesky(identifier: handle, appPassword: password)
        default:
            return nil
        }
    }

    /// Why an enabled source will likely be refused for lack of credentials, or nil.
    public static func warning(_ source: SourceConfig) -> String? {
        guard source.enabled else { return nil }
        let o = source.options
        let hasToken = o["token"] != nil || login(source) != nil
        switch source.type {
        case .bluesky where o["query"] != nil && !hasToken:
            return "Bluesky refuses searches without a login: set handle and app_password (an app password from the account's settings)"
        case .mastodon where o["query"] != nil && o["token"] == nil:
            return "Mastodon searches statuses only for a logged-in user: set token (an access token with read:search)"
        case .reddit where !hasToken:
            return "Reddit refuses or throttles anonymous reads: set client_id and client_secret (an app from reddit.com/prefs/apps)"
        default:
            return nil
        }
    }
}
