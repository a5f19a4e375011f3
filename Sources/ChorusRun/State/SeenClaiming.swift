public import Foundation

/// A store shared by several machines: before a run writes an item, it claims the item's `id`
/// and `revision` there, so that two runs that fetch one item from two different sources at
/// once (a reshared link, a cross-posted status) do not both write it. A claim lasts while its
/// run lives (renewed with its leases); the run's output note or commit makes it permanent,
/// after checking that none was taken over meanwhile (docs/design.md, "Claims").
public protocol SeenClaiming: Sendable {
    /// Claims `items` for this run; returns the ids it got. The others were written by another
    /// run, or are claimed by another live run, which writes them or, if it dies, leaves them to
    /// the next poll of its source (whose state it never committed).
    func claim(_ items: [(id: String, revision: Int)]) throws(StateError) -> Set<String>
}
