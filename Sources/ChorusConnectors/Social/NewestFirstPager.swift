import Foundation
public import ChorusModel
import ChorusFetch
import ChorusParse
import Logging

/// Pages through a newest-first API (Bluesky, Reddit, HN, X) without losing or repeating
/// items across runs, by draining: a poll starts at the newest page and walks older pages
/// with the platform's continuation token until it reaches the watermark of the last
/// completed drain. When a cap, a rate limit or an error stops it first, the state keeps
/// the token and the mark to adopt, and the next poll continues the same drain.
///
/// The state keeps a ``NewestFirstCursor``: the watermark (epoch milliseconds and the ids at
/// that instant), and while a drain is unfinished its token, the mark it will commit and the
/// time window the connector keeps for the drain.
struct NewestFirstPager {
    let source: String
    let maxPages: Int
    let maxItems: Int
    let logger: Logger

    /// Runs one poll. `fetch` performs one request; `startDrain` gives the window to keep for a new drain.
    func poll(
        from state: SourceState,
        startDrain: () -> DrainWindow? = { nil },
        fetch: (PageRequest) async throws(ConnectorError) -> (SocialPage, FetchResponse)
    ) async throws(ConnectorError) -> PollResult {
        let saved = state.cursor.read(NewestFirstCursor.self) ?? NewestFirstCursor()
        let committed = saved.newest
        var target = saved.drain?.target
        let window = saved.drain.map(\.window) ?? startDrain()
        var request = PageRequest(token: saved.drain?.token, window: window, watermark: committed)

        var items: [Item] = []
        var warnings: [String] = []
        var pages = 0
        var lastStatus: Int?
        var finished = false
        while pages < max(1, maxPages), items.count < max(1, maxItems) {
            let page: SocialPage
            let response: FetchResponse
            do {
                (page, response) = try await fetch(request)
            } catch {
                if pages == 0 { throw error }
                warnings.append("\(error.message); the next run continues from this page")
                break
            }
            pages += 1
            lastStatus = response.status
            warnings += page.warnings
            if target == nil { target = Watermark.top(of: page) }
            var reachedMark = false
            for (item, time) in zip(page.items, page.sortTimes) {
                if let committed {
                    if committed.isBelow(sortTime: time) {
                        reachedMark = true
                        break
                    }
                    if committed.covers(item, sortTime: time) { continue }
                }
                items.append(item)
            }
            guard !reachedMark, let next = page.nextCursor, !page.items.isEmpty, next != request.token else {
                finished = true
                break
            }
            request.token = next
            if response.rateLimit?.isExhausted == true {
                warnings.append("fetch: \(source): rate limit exhausted after \(pages) pages; the next run continues")
                break
            }
        }

        var cursor = NewestFirstCursor(newest: committed)
        if finished {
            cursor.newest = Watermark.latest(committed, target)
        } else {
            cursor.drain = NewestFirstCursor.Drain(token: request.token ?? "", target: target, window: window)
        }
        logger.info("polled", metadata: [
            "source": "\(source)", "pages": "\(pages)", "items": "\(items.count)", "drain.finished": "\(finished)",
        ])
        var next = state
        next.cursor.write(cursor)
        return PollResult(items: items, state: next, httpStatus: lastStatus, pages: pages, warnings: warnings)
    }
}
