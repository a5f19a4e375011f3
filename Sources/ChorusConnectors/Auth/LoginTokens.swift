import ChorusModel

/// The tokens a ``LoginSession`` obtained, kept in the source's cursor so the next runs reuse
/// them (Bluesky allows 30 logins per 5 minutes). Secrets: never shown (`chorus status` says
/// only that a session is held). Stored as `login`; earlier versions stored `auth_access`,
/// `auth_refresh` and `auth_expires` strings.
struct LoginTokens: CursorRecord, Equatable {
    static let cursorKey = "login"
    var access: String
    /// Bluesky's refresh JWT; Reddit's grants have none.
    var refresh: String?
    /// When `access` expires, epoch seconds.
    var expires: Int64

    init(access: String, refresh: String?, expires: Int64) {
        self.access = access
        self.refresh = refresh
        self.expires = expires
    }

    static func legacyKeys(_ key: String) -> Bool { key.hasPrefix("auth_") }

    init?(legacy: [String: String]) {
        guard let access = legacy["auth_access"], let expires = legacy["auth_expires"].flatMap({ Double($0) }), expires.isFinite,
              abs(expires) < 1e15 else { return nil }
        self.init(access: access, refresh: legacy["auth_refresh"], expires: Int64(expires))
    }
}
