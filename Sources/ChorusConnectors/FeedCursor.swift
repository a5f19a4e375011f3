import ChorusModel

/// What ``FeedConnector`` keeps besides the validators: which configured URL they belong to
/// (a digest, never the URL, which may carry a token). Stored as `feed`; earlier versions
/// stored the `origin` string (some the plain URL, still matched).
struct FeedCursor: CursorRecord, Equatable {
    static let cursorKey = "feed"
    var origin: String

    init(origin: String) { self.origin = origin }

    static func legacyKeys(_ key: String) -> Bool { key == "origin" }

    init?(legacy: [String: String]) {
        guard let origin = legacy["origin"] else { return nil }
        self.origin = origin
    }
}
