import Foundation
import Testing
@testable import ChorusConnectors
import ChorusFetch
import ChorusModel

/// Cursors stored by versions before typed cursors (a flat JSON object of prefixed strings in
/// the state's `cursor` column) are read and continued from: the next polls deliver exactly
/// what they deliver from the same cursor in the current form, and then store the current form.
@Suite("Cursors stored by earlier versions")
struct LegacyCursorTests {
    /// The cursor as earlier versions wrote it (the keys of docs/social.md before typed
    /// cursors), read back the way the state stores read their `cursor` column.
    static func legacy(_ state: SourceState) throws -> SourceState {
        var flat: [String: String] = [:]
        if let m = state.cursor.read(MastodonCursor.self) {
            flat["newest_id"] = m.newestID
            flat["account"] = m.account
            flat["account_id"] = m.accountID
        }
        if let p = state.cursor.read(NewestFirstCursor.self) {
            if let n = p.newest {
                flat["newest_time"] = String(n.millis)
                flat["newest_keys"] = n.keys.sorted().joined(separator: " ")
            }
            if let d = p.drain {
                flat["drain_cursor"] = d.token
                if let t = d.target {
                    flat["drain_time"] = String(t.millis)
                    flat["drain_keys"] = t.keys.sorted().joined(separator: " ")
                }
                if let w = d.window {
                    flat["drain_info_lower"] = String(w.lower)
                    flat["drain_info_upper"] = String(w.upper)
                }
            }
        }
        #expect(!flat.isEmpty)
        let column = try JSONEncoder().encode(flat)
        var old = state
        old.cursor = SourceCursor(storedJSON: String(decoding: column, as: UTF8.self))
        #expect(old.cursor.names == flat.keys.sorted())
        return old
    }

    @Test("An old-format cursor in the middle of a drain is continued without loss or repeats", arguments: SocialCase.allCases)
    func continuesFromAnOldCursor(platform: SocialCase) async throws {
        let server = try await SocialServer.make()
        let state = try await platform.pagedStart(server)
        let capped = platform.connector(base: server.base, pageSize: platform.pageSize, maxPages: 2)
        let first = try await capped.poll(from: state, using: server.fetcher, now: fixtureNow)
        let old = try Self.legacy(first.state)

        var fromNew: [[String]] = []
        var fromOld: [[String]] = []
        var newState = first.state
        var oldState = old
        for _ in 0..<20 {
            let a = try await capped.poll(from: newState, using: server.fetcher, now: fixtureNow)
            let b = try await capped.poll(from: oldState, using: server.fetcher, now: fixtureNow)
            fromNew.append(a.items.map(\.id))
            fromOld.append(b.items.map(\.id))
            // After one poll the old cursor is stored in the current form, equal to the other.
            #expect(b.state.cursor == a.state.cursor)
            newState = a.state
            oldState = b.state
            if a.items.isEmpty { break }
        }
        #expect(fromOld == fromNew)
        let all = first.items.map(\.id) + fromOld.flatMap { $0 }
        #expect(!fromOld.flatMap { $0 }.isEmpty, "the old cursor's drain had pages left")
        #expect(all.count == Set(all).count, "an item was delivered twice")
        #expect(oldState.cursor.legacy.isEmpty)
    }

    @Test("Old login tokens, feed origins and generic JSON marks are read")
    func otherRecords() throws {
        let cursor: SourceCursor = [
            "auth_access": "a1", "auth_refresh": "r1", "auth_expires": "1900000000", "origin": "https://example.com/feed",
            "newest_time": "1526290200500", "newest_keys": "b a", "undated_keys": "x\ny",
        ]
        #expect(cursor.read(LoginTokens.self) == LoginTokens(access: "a1", refresh: "r1", expires: 1_900_000_000))
        #expect(cursor.read(FeedCursor.self)?.origin == "https://example.com/feed")
        let json = try #require(cursor.read(JSONMappingCursor.self))
        #expect(json.newest == Watermark(millis: 1_526_290_200_500, keys: ["a", "b"]))
        #expect(Set(json.undated) == ["x", "y"])
        // Writing a record replaces the legacy keys it was read from, and no others.
        var next = cursor
        next.write(LoginTokens(access: "a2", refresh: nil, expires: 1))
        #expect(next.names == ["login", "newest_keys", "newest_time", "origin", "undated_keys"])
        #expect(next.read(LoginTokens.self)?.access == "a2")
    }
}
