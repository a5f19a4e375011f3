import Foundation
import ChorusModel
import ChorusFetch
import ChorusParse
import Logging

/// Performs one API request for a connector and decodes the page: adds the auth header,
/// turns fetch failures into ``ConnectorError``s whose messages say what to check (the token
/// variable on 401, the query or account on 404), and parse failures into "parse: <source>: ...".
struct SocialRequester: Sendable {
    let fetcher: any HTTPFetching
    let source: String
    let platform: Platform
    let policy: FetchPolicy
    /// Sent with every request (`Authorization`, `Accept`...).
    let headers: [(name: String, value: String)]
    /// Whether a token was configured, and the variable it came from.
    let hasToken: Bool
    let tokenVariable: String?
    /// What a 404 probably means for this source ("the hashtag #zte", "r/technology").
    let target: String
    /// The config keys that would authorize this source, named when a 401 comes without them.
    let credentialKeys: String
    let logger: Logger

    init(
        fetcher: any HTTPFetching, source: String, platform: Platform, policy: FetchPolicy, token: String?, tokenVariable: String?, target: String,
        logger: Logger, extraHeaders: [(name: String, value: String)] = [], credentialKeys: String = "token"
    ) {
        self.credentialKeys = credentialKeys
        self.fetcher = fetcher
        self.source = source
        self.platform = platform
        self.policy = policy
        var headers = [(name: "Accept", value: "application/json")] + extraHeaders
        if let token, !token.isEmpty { headers.append((name: "Authorization", value: "Bearer \(token)")) }
        self.headers = headers
        hasToken = token?.isEmpty == false
        self.tokenVariable = tokenVariable
        self.target = target
        self.logger = logger
    }

    /// GETs `url`; a non-2xx answer or a transport failure is a ``ConnectorError``.
    func get(_ url: String) async throws(ConnectorError) -> FetchResponse {
        let request = FetchRequest(url: url, headers: headers, policy: policy, label: source)
        do {
            return try await fetcher.fetch(request)
        } catch {
            throw describe(error)
        }
    }

    /// GETs `url` and decodes the body as this platform's payload.
    func page(_ url: String, fetchedAt: Date) async throws(ConnectorError) -> (SocialPage, FetchResponse) {
        let response = try await get(url)
        let page = try decode(response.body, fetchedAt: fetchedAt)
        logger.debug("page read", metadata: [
            "source": "\(source)", "http.status": "\(response.status)", "items": "\(page.items.count)",
        ])
        return (page, response)
    }

    func decode(_ body: [UInt8], fetchedAt: Date) throws(ConnectorError) -> SocialPage {
        do {
            return try SocialPayloadParser.page(body, platform: platform, context: ParseContext(source: source, platform: platform, fetchedAt: fetchedAt))
        } catch {
            throw ConnectorError(error.message)
        }
    }

    /// The error for a failed fetch, with a hint for the statuses a user can act on.
    func describe(_ error: FetchError) -> ConnectorError {
        guard let status = error.status else { return ConnectorError(error.message) }
        let variable = tokenVariable.map { "$\($0)" } ?? "the token variable"
        let hint: String?
        switch status {
        case 401:
            hint = hasToken
                ? "HTTP 401 Unauthorized (check the token in \(variable))"
                : "HTTP 401 Unauthorized: \(target) needs credentials; set \(credentialKeys) on this source"
        case 403:
            hint = hasToken
                ? "HTTP 403 Forbidden (the token in \(variable) lacks access to \(target))"
                : "HTTP 403 Forbidden (the server refuses anonymous reads of \(target); a token in \(variable) may help)"
        case 404: hint = "HTTP 404 Not Found (check \(target) and the base URL)"
        case 410: hint = "HTTP 410 Gone (\(target) no longer exists; update or remove this source)"
        default: hint = nil
        }
        guard let hint else { return ConnectorError(error.message, httpStatus: status) }
        // `target` may hold the source's URL, tokens in its query included: redact like the fetch stage.
        return ConnectorError(SecretRedactor(headers: headers).redact("fetch: \(source): \(hint)"), httpStatus: status)
    }
}
