import Foundation
import ChorusFetch
public import ChorusModel
import ChorusParse

/// Runs a connector's paged poll with a login's access token: the saved token while it is
/// valid, else a renewed one; when a page is answered 401 (the token expired or was revoked
/// mid-run) the token is renewed and that page asked again. The session travels in the
/// returned state's cursor, so it is saved with the state once the items are written.
enum AuthorizedPoll {
    static func run(
        session: LoginSession?, token fixed: String?, state: SourceState, fetcher: any HTTPFetching, now: Date, pager: NewestFirstPager,
        startDrain: () -> DrainWindow?, page: (String?, PageRequest) async throws(ConnectorError) -> (SocialPage, FetchResponse)
    ) async throws(ConnectorError) -> PollResult {
        var tokens = state.cursor.read(LoginTokens.self)
        var token = fixed
        if let session { token = try await session.accessToken(&tokens, fetcher: fetcher, now: now) }
        var result = try await pager.poll(from: state, startDrain: startDrain) { request throws(ConnectorError) in
            do throws(ConnectorError) {
                return try await page(token, request)
            } catch where error.httpStatus == 401 {
                guard let session else { throw error }
                token = try await session.renew(&tokens, fetcher: fetcher, now: now)
                return try await page(token, request)
            }
        }
        result.state.cursor.write(tokens)
        return result
    }
}
