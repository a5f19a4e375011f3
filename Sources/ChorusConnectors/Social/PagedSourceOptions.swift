public import ChorusFetch

/// The options every connector of a paged API has: how much one poll may read (requests of
/// `pageSize` items, at most `maxPages` requests and `maxItems` items) and the fetch policy.
/// The run sets them from the same config keys for every platform.
public protocol PagedSourceOptions: Sendable {
    var pageSize: Int { get set }
    var maxPages: Int { get set }
    var maxItems: Int { get set }
    var policy: FetchPolicy { get set }
}

extension MastodonConnector.Options: PagedSourceOptions {}
extension PagedOptions: PagedSourceOptions {}
