import ChorusModel

/// What ``MastodonConnector`` keeps: the newest status id delivered, and for an account
/// stream the account it resolved and its id. Stored as `mastodon`; earlier versions stored
/// `newest_id`, `account` and `account_id` strings.
struct MastodonCursor: CursorRecord, Equatable {
    static let cursorKey = "mastodon"
    var newestID: String?
    var account: String?
    var accountID: String?

    init(newestID: String? = nil, account: String? = nil, accountID: String? = nil) {
        self.newestID = newestID
        self.account = account
        self.accountID = accountID
    }

    static func legacyKeys(_ key: String) -> Bool { ["newest_id", "account", "account_id"].contains(key) }

    init?(legacy: [String: String]) {
        guard legacy["newest_id"] != nil || legacy["account_id"] != nil else { return nil }
        self.init(newestID: legacy["newest_id"], account: legacy["account"], accountID: legacy["account_id"])
    }
}
