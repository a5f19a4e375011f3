public import Foundation
public import ChorusFetch
public import ChorusModel
import ChorusParse

/// The connector for `type: feed`: a conditional GET with the saved ETag / Last-Modified
/// (304 means no items), permanent redirects remembered as `SourceState.currentURL`, and the
/// body handed to `DocumentParser` with the response's charset and final URL as base.
public struct FeedConnector: SourceConnector {
    public let name: String
    /// The configured feed URL.
    public let url: String
    public let headers: [(name: String, value: String)]
    public let policy: FetchPolicy

    public init(name: String, url: String, headers: [(name: String, value: String)] = [], policy: FetchPolicy = FetchPolicy()) {
        self.name = name
        self.url = url
        self.headers = headers
        self.policy = policy
    }

    public func poll(from state: SourceState, using fetcher: any HTTPFetching, now: Date) async throws(ConnectorError) -> PollResult {
        // Validators and redirects saved for a different configured URL no longer apply.
        var saved = state
        let origin = Self.origin(url)
        let (stored, fromLegacy) = state.cursor.lookup(FeedCursor.self)
        if let old = stored?.origin, old != origin, old != url { saved = SourceState() }
        // The state keeps a moved URL with its secrets masked; they come back from the config.
        let request = FetchRequest(
            url: saved.currentURL.flatMap { CredentialURL.restore($0, from: url) } ?? url, headers: headers, etag: saved.etag, lastModified: saved.lastModified,
            policy: policy, label: name)
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(request)
        } catch {
            throw ConnectorError(error.message, httpStatus: error.status)
        }
        var next = saved
        // Rewritten only when it changes or was read from legacy keys: each write is two JSON
        // passes, and most polls of a feed find the record as they left it.
        if stored != FeedCursor(origin: origin) || fromLegacy {
            next.cursor.write(FeedCursor(origin: origin))
        }
        if let moved = response.permanentRedirect { next.currentURL = CredentialURL.masked(moved) }
        if response.notModified {
            if let etag = response.etag { next.etag = etag }
            if let lastModified = response.lastModified { next.lastModified = lastModified }
            return PollResult(items: [], state: next, httpStatus: response.status, notModified: true)
        }
        next.etag = response.etag
        next.lastModified = response.lastModified
        let context = ParseContext(
            source: name, baseURL: CredentialURL.withoutSecrets(response.finalURL), httpCharset: Self.charset(response.contentType), fetchedAt: now)
        let parsed: ParseResult
        do {
            parsed = try DocumentParser.parse(response.body, context: context)
        } catch {
            throw ConnectorError(error.message, httpStatus: response.status)
        }
        var result = PollResult(items: parsed.items, state: next, httpStatus: response.status, warnings: parsed.warnings)
        result.recoveredDocuments = parsed.recovered ? 1 : 0
        result.damagedItems = parsed.damagedItems
        result.truncatedDocuments = parsed.truncated ? 1 : 0
        return result
    }

    /// What the state keeps of the configured URL to notice it changed: a digest, never the URL
    /// itself, which may carry a token (states written before keep the plain URL, still matched).
    static func origin(_ url: String) -> String {
        "sha256:" + Hex.lowercase(SHA256.hash(Array(url.utf8)).prefix(16))
    }

    /// The `charset` parameter of a Content-Type header, unquoted.
    static func charset(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
