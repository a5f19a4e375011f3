import ChorusModel
import ChorusParse

/// The ids of undated items a whole-document source (generic JSON) has delivered, kept in the
/// cursor (``JSONMappingCursor``). A watermark orders items by time and so cannot
/// cover undated ones; without this they would look new on every poll, and with more of them
/// than `max_items` the same first ones would be taken each run and the rest never.
struct UndatedKeys {
    private(set) var keys: Set<String>

    init(keys: Set<String>) {
        self.keys = keys
    }

    func contains(_ item: Item) -> Bool { keys.contains(Watermark.key(item)) }

    /// The ids delivered so far that the document still holds, plus those emitted now: an id
    /// that left the document is forgotten, so the set never outgrows the document.
    func updated(document: SocialPage, emitted: SocialPage) -> UndatedKeys {
        var next: Set<String> = []
        for (item, time) in zip(document.items, document.sortTimes) where time == nil && contains(item) {
            next.insert(Watermark.key(item))
        }
        for (item, time) in zip(emitted.items, emitted.sortTimes) where time == nil {
            next.insert(Watermark.key(item))
        }
        return UndatedKeys(keys: next)
    }
}
