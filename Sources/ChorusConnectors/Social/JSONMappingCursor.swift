import ChorusModel

/// What ``JSONMappingConnector`` keeps besides the validators: the watermark of the newest
/// dated items delivered, and the ids of undated items delivered (pruned to those still in the
/// document; see ``UndatedKeys``). Stored as `json`; earlier versions stored `newest_time`,
/// `newest_keys` and `undated_keys` (one id per line) strings.
struct JSONMappingCursor: CursorRecord, Equatable {
    static let cursorKey = "json"
    var newest: Watermark?
    var undated: [String]

    init(newest: Watermark?, undated: [String]) {
        self.newest = newest
        self.undated = undated
    }

    static func legacyKeys(_ key: String) -> Bool { key.hasPrefix("newest_") || key == "undated_keys" }

    init?(legacy: [String: String]) {
        let undated = (legacy["undated_keys"] ?? "").split(separator: "\n").map(String.init)
        let newest = Watermark(cursor: legacy, prefix: "newest_")
        if newest == nil && undated.isEmpty { return nil }
        self.init(newest: newest, undated: undated)
    }
}
