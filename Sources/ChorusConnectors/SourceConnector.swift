public import Foundation
public import ChorusModel
public import ChorusFetch

/// A source of items: builds requests from its options and saved state, fetches them,
/// decodes them into Items and returns the state to save once the items are durable.
/// Feeds and every social platform conform; the run only sees this protocol.
public protocol SourceConnector: Sendable {
    /// The configured source name.
    var name: String { get }
    /// Reads what is new since `state`. Must not mutate anything outside its return value:
    /// the run commits `PollResult.state` only after the items are written.
    func poll(from state: SourceState, using fetcher: any HTTPFetching, now: Date) async throws(ConnectorError) -> PollResult
}

/// What a source remembers between runs. Stored by the run's state store as is.
public struct SourceState: Sendable, Equatable, Codable {
    public var etag: String?
    public var lastModified: String?
    /// The URL to use after a permanent redirect.
    public var currentURL: String?
    /// The connector's cursor records: since ids, watermarks, pagination tokens, login tokens.
    public var cursor: SourceCursor

    public init(etag: String? = nil, lastModified: String? = nil, currentURL: String? = nil, cursor: SourceCursor = SourceCursor()) {
        self.etag = etag
        self.lastModified = lastModified
        self.currentURL = currentURL
        self.cursor = cursor
    }
}

/// The result of one poll.
public struct PollResult: Sendable {
    public var items: [Item]
    /// The state to commit after `items` are durable.
    public var state: SourceState
    /// The last HTTP status seen.
    public var httpStatus: Int?
    public var notModified: Bool
    public var pages: Int
    public var warnings: [String]
    /// Documents of this poll that needed recovery (broken markup, bytes in the wrong encoding).
    public var recoveredDocuments = 0
    /// Items in which broken markup was repaired or skipped.
    public var damagedItems = 0
    /// Documents that were cut short (elements left open at their end).
    public var truncatedDocuments = 0

    public init(items: [Item], state: SourceState, httpStatus: Int? = nil, notModified: Bool = false, pages: Int = 1, warnings: [String] = []) {
        self.items = items
        self.state = state
        self.httpStatus = httpStatus
        self.notModified = notModified
        self.pages = pages
        self.warnings = warnings
    }
}

/// Why a poll failed. Messages start with the stage and name the source:
/// "fetch: zte-mastodon: HTTP 401 ...", "parse: zte-news: ...".
public struct ConnectorError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var httpStatus: Int?

    public init(_ message: String, httpStatus: Int? = nil) {
        self.message = message
        self.httpStatus = httpStatus
    }

    public var description: String { message }
}
