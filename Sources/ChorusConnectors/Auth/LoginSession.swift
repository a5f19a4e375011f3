import Foundation
import ChorusFetch

/// Obtains and renews an access token for a ``PlatformLogin`` and keeps it in the source's
/// cursor (``LoginTokens``), so it is committed with the state
/// and reused by the next runs: Bluesky allows 30 logins per 5 minutes and 300 a day.
/// A token is renewed when it expires within 5 minutes, or when the API answered 401.
struct LoginSession: Sendable {
    let login: PlatformLogin
    let source: String
    /// Reddit: the token endpoint (`https://www.reddit.com/api/v1/access_token`). Bluesky: the
    /// PDS or entryway (`https://bsky.social`) whose `/xrpc/com.atproto.server.*` it calls.
    let endpoint: String
    let policy: FetchPolicy

    /// A token valid for at least 5 more minutes: the saved one, else a renewed one.
    func accessToken(_ tokens: inout LoginTokens?, fetcher: any HTTPFetching, now: Date) async throws(ConnectorError) -> String {
        if let saved = tokens, Double(saved.expires) - 300 > now.timeIntervalSince1970 {
            return saved.access
        }
        return try await renew(&tokens, fetcher: fetcher, now: now)
    }

    /// A new token: Bluesky refreshes its session (`refreshSession`) and logs in again only
    /// when the refresh token is refused; Reddit asks for a new grant.
    func renew(_ tokens: inout LoginTokens?, fetcher: any HTTPFetching, now: Date) async throws(ConnectorError) -> String {
        switch login {
        case .redditAppOnly(let id, let secret):
            return try await redditGrant([("grant_type", "client_credentials")], id: id, secret: secret, tokens: &tokens, fetcher: fetcher, now: now)
        case .redditPassword(let id, let secret, let username, let password):
            return try await redditGrant(
                [("grant_type", "password"), ("username", username), ("password", password)], id: id, secret: secret,
                tokens: &tokens, fetcher: fetcher, now: now)
        case .bluesky(let identifier, let appPassword):
            if let refresh = tokens?.refresh {
                do throws(ConnectorError) {
                    let answer = try await post(
                        "\(endpoint)/xrpc/com.atproto.server.refreshSession", headers: [("Authorization", "Bearer \(refresh)")], body: [],
                        fetcher: fetcher, what: "refreshSession")
                    return try blueskySession(answer, tokens: &tokens, now: now)
                } catch where [400, 401].contains(error.httpStatus ?? 0) {
                    // The refresh token expired or was revoked: log in again below.
                }
            }
            let body = try? JSONSerialization.data(withJSONObject: ["identifier": identifier, "password": appPassword])
            let answer = try await post(
                "\(endpoint)/xrpc/com.atproto.server.createSession", headers: [("Content-Type", "application/json")],
                body: Array(body ?? Data()), fetcher: fetcher, what: "createSession")
            return try blueskySession(answer, tokens: &tokens, now: now)
        }
    }

    private func redditGrant(
        _ form: [(String, String)], id: String, secret: String, tokens: inout LoginTokens?, fetcher: any HTTPFetching, now: Date
    ) async throws(ConnectorError) -> String {
        let basic = Data("\(id):\(secret)".utf8).base64EncodedString()
        let body = form.map { "\(QueryString.encode($0.0))=\(QueryString.encode($0.1))" }.joined(separator: "&")
        let answer = try await post(
            endpoint, headers: [("Authorization", "Basic \(basic)"), ("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(body.utf8), fetcher: fetcher, what: "the OAuth token request")
        guard let token = answer["access_token"] as? String, !token.isEmpty else {
            throw ConnectorError("fetch: \(source): login: the OAuth token answer has no access_token (check \(login.keys))")
        }
        let lifetime = (answer["expires_in"] as? Double) ?? 3600
        tokens = LoginTokens(access: token, refresh: nil, expires: Self.epochSeconds(now.timeIntervalSince1970 + lifetime))
        return token
    }

    private func blueskySession(_ answer: [String: Any], tokens: inout LoginTokens?, now: Date) throws(ConnectorError) -> String {
        guard let access = answer["accessJwt"] as? String, let refresh = answer["refreshJwt"] as? String else {
            throw ConnectorError("fetch: \(source): login: the session answer has no accessJwt/refreshJwt")
        }
        // The access JWT's own `exp`; without one, assume the documented two hours.
        let expires = Self.jwtExpiry(access) ?? now.timeIntervalSince1970 + 7200
        tokens = LoginTokens(access: access, refresh: refresh, expires: Self.epochSeconds(expires))
        return access
    }

    /// POSTs and decodes a JSON object; errors name the call and the keys to check, never a secret.
    private func post(
        _ url: String, headers: [(String, String)], body: [UInt8], fetcher: any HTTPFetching, what: String
    ) async throws(ConnectorError) -> [String: Any] {
        var request = FetchRequest(
            url: url, headers: headers.map { (name: $0.0, value: $0.1) } + [(name: "Accept", value: "application/json")],
            policy: policy, label: source, body: body)
        request.policy.retries = min(request.policy.retries, 1)
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(request)
        } catch {
            let status = error.status
            let hint = status == 401 || status == 400 || status == 403 ? " (check \(login.keys))" : ""
            throw ConnectorError("fetch: \(source): login: \(what) failed: \(status.map { "HTTP \($0)" } ?? error.message)\(hint)", httpStatus: status)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] else {
            throw ConnectorError("fetch: \(source): login: \(what) did not answer with a JSON object", httpStatus: response.status)
        }
        return object
    }

    /// Whole epoch seconds, clamped so a server's absurd lifetime cannot trap the conversion.
    static func epochSeconds(_ seconds: Double) -> Int64 {
        seconds.isFinite ? Int64(min(max(seconds, 0), 1e15)) : 0
    }

    /// The `exp` claim (Unix seconds) of a JWT, read without verifying it (the server does).
    static func jwtExpiry(_ jwt: String) -> Double? {
        let parts = jwt.split(separator: ".")
        guard parts.count >= 2 else { return nil }
        var payload = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        guard let data = Data(base64Encoded: payload),
              let claims = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
        return claims["exp"] as? Double
    }
}
