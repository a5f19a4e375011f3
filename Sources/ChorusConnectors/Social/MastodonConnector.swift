public import Foundation
public import ChorusModel
public import ChorusFetch
public import Logging
import ChorusParse

/// Reads a Mastodon instance: a hashtag timeline, an account's statuses or a status search.
/// Incremental runs page forward with `min_id` from the newest status already emitted, so a
/// run never skips a status and never repeats one (cursor keys in docs/social.md).
public struct MastodonConnector: SourceConnector {
    /// What to read from the instance.
    public enum Stream: Sendable, Equatable {
        /// `/api/v1/timelines/tag/:tag`; the tag without `#`.
        case hashtag(String)
        /// An account's statuses; `user@host` or `@user@host`, resolved through `/api/v1/accounts/lookup`.
        case account(String)
        /// `/api/v2/search?type=statuses`; needs a user token.
        case search(String)
    }

    /// The source's configuration, as the run maps it from YAML.
    public struct Options: Sendable, Equatable {
        /// The configured source name (errors and `Item.source`).
        public var name: String
        /// The instance, e.g. `https://mastodon.social`.
        public var baseURL: String
        public var stream: Stream
        /// Bearer token, already read from the environment by the run.
        public var token: String?
        /// The environment variable the token came from, named in auth errors.
        public var tokenVariable: String?
        /// Statuses per request (`limit`, 1...40).
        public var pageSize: Int
        /// Requests per poll, at most.
        public var maxPages: Int
        /// Items per poll, at most; the cursor stops at the last item returned.
        public var maxItems: Int
        public var policy: FetchPolicy

        /// Options with the documented defaults.
        public init(
            name: String, baseURL: String, stream: Stream, token: String? = nil, tokenVariable: String? = nil,
            pageSize: Int = 40, maxPages: Int = 10, maxItems: Int = 400, policy: FetchPolicy = FetchPolicy()
        ) {
            self.name = name
            self.baseURL = baseURL
            self.stream = stream
            self.token = token
            self.tokenVariable = tokenVariable
            self.pageSize = pageSize
            self.maxPages = maxPages
            self.maxItems = maxItems
            self.policy = policy
        }
    }

    public let options: Options
    let logger: Logger

    /// A connector for `options`; logs (label `chorus.connectors`) pages and items per poll.
    public init(options: Options, logger: Logger = Logger(label: "chorus.connectors")) {
        self.options = options
        self.logger = logger
    }

    public var name: String { options.name }

    /// Reads what is new since `state`; the returned state is to be committed after the items are written.
    public func poll(from state: SourceState, using fetcher: any HTTPFetching, now: Date) async throws(ConnectorError) -> PollResult {
        let requester = SocialRequester(
            fetcher: fetcher, source: options.name, platform: .mastodon, policy: options.policy, token: options.token,
            tokenVariable: options.tokenVariable, target: target, logger: logger, credentialKeys: "token (an access token with read:statuses)")
        var cursor = state.cursor.read(MastodonCursor.self) ?? MastodonCursor()
        let path = try await streamPath(requester: requester, cursor: &cursor)
        let pageSize = min(40, max(1, options.pageSize))
        let limit = String(pageSize)
        let newest = cursor.newestID
        var url = QueryString.url(options.baseURL, path.path, path.query + [("limit", limit), ("min_id", newest)])

        var items: [Item] = []
        var warnings: [String] = []
        var pages = 0
        var lastStatus: Int?
        var high = newest
        while pages < max(1, options.maxPages), items.count < max(1, options.maxItems) {
            let page: SocialPage
            let response: FetchResponse
            do {
                (page, response) = try await requester.page(url, fetchedAt: now)
            } catch {
                if pages == 0 { throw error }
                warnings.append("\(error.message); the next run continues from status \(high ?? "?")")
                break
            }
            pages += 1
            lastStatus = response.status
            warnings += page.warnings
            for item in page.items {
                guard let id = item.nativeID else { continue }
                if let newest, !Self.isNewer(id, than: newest) { continue }
                items.append(item)
                if high.map({ Self.isNewer(id, than: $0) }) ?? true { high = id }
            }
            // The first run reads only the newest page; later runs walk forward until a short page.
            guard newest != nil, page.items.count >= pageSize, let high else { break }
            if response.rateLimit?.isExhausted == true {
                warnings.append("fetch: \(options.name): rate limit exhausted after \(pages) pages; the next run continues")
                break
            }
            url = nextURL(link: response.headers["link"], path: path, limit: limit, after: high)
        }
        cursor.newestID = high
        logger.info("polled", metadata: ["source": "\(options.name)", "pages": "\(pages)", "items": "\(items.count)"])
        var next = state
        next.cursor.write(cursor)
        return PollResult(items: items, state: next, httpStatus: lastStatus, pages: pages, warnings: warnings)
    }

    /// The endpoint for the stream; an account is resolved once and its id kept in the cursor.
    private func streamPath(requester: SocialRequester, cursor: inout MastodonCursor) async throws(ConnectorError) -> (path: String, query: [(String, String?)]) {
        switch options.stream {
        case .hashtag(let tag):
            let name = tag.hasPrefix("#") ? String(tag.dropFirst()) : tag
            return ("/api/v1/timelines/tag/\(QueryString.encode(name))", [])
        case .search(let query):
            guard options.token?.isEmpty == false else {
                let variable = options.tokenVariable.map { "$\($0)" } ?? "a token variable"
                throw ConnectorError("fetch: \(options.name): Mastodon status search needs a user token (set \(variable))")
            }
            return ("/api/v2/search", [("q", query), ("type", "statuses"), ("resolve", "false")])
        case .account(let handle):
            let acct = handle.hasPrefix("@") ? String(handle.dropFirst()) : handle
            if cursor.account != acct || cursor.accountID == nil {
                cursor.accountID = try await lookUp(acct, requester: requester)
                cursor.account = acct
            }
            return ("/api/v1/accounts/\(QueryString.encode(cursor.accountID ?? ""))/statuses", [])
        }
    }

    /// `GET /api/v1/accounts/lookup?acct=` → the account id.
    private func lookUp(_ acct: String, requester: SocialRequester) async throws(ConnectorError) -> String {
        let response = try await requester.get(QueryString.url(options.baseURL, "/api/v1/accounts/lookup", [("acct", acct)]))
        let document: JSONDocument
        do {
            document = try JSONReader.parse(response.body)
        } catch {
            throw ConnectorError("parse: \(options.name): account lookup: \(error.description)")
        }
        do {
            return try document.root.requireObject().requiredString("id")
        } catch {
            throw ConnectorError("parse: \(options.name): account lookup: \(error.description)")
        }
    }

    /// The next page forward: the server's `rel="prev"` link (newer statuses) when it stays on
    /// this instance, else `min_id` built from the newest id read.
    private func nextURL(link: String?, path: (path: String, query: [(String, String?)]), limit: String, after high: String) -> String {
        if let prev = LinkHeader.parse(link)["prev"], prev.hasPrefix(options.baseURL), prev.contains("min_id=\(high)") {
            return prev
        }
        return QueryString.url(options.baseURL, path.path, path.query + [("limit", limit), ("min_id", high)])
    }

    /// Mastodon ids sort by length, then lexically (social-apis.md §0.2).
    static func isNewer(_ a: String, than b: String) -> Bool {
        a.count != b.count ? a.count > b.count : a > b
    }

    var target: String {
        switch options.stream {
        case .hashtag(let tag): "the hashtag #\(tag.hasPrefix("#") ? String(tag.dropFirst()) : tag)"
        case .account(let acct): "the account \(acct)"
        case .search(let query): "the search \"\(query)\""
        }
    }
}
