@testable import ChorusFetch
import Testing

/// The per-host queueing that keeps at most `perHost` transfers per host in flight.
@Suite("Host scheduler")
struct HostSchedulerTests {
    @Test("the host key is scheme, host and port, lowercased, without user info or path", arguments: [
        ("https://Example.ORG/feed.xml", "https://example.org"),
        ("http://127.0.0.1:8080/a?b=c", "http://127.0.0.1:8080"),
        ("https://user:pw@host.example:443?x#y", "https://host.example:443"),
        ("https://host#frag", "https://host"),
        ("not a url", "not a url"),
    ])
    func hostKey(url: String, key: String) {
        #expect(HostScheduler<Int>.hostKey(url) == key)
    }

    @Test("no more than perHost jobs of one host start until one finishes; other hosts go ahead")
    func perHostLimit() {
        var s = HostScheduler<Int>(perHost: 2, maxActive: 16)
        for i in 0..<4 { s.enqueue(i, host: "a") }
        s.enqueue(10, host: "b")
        var started: [Int] = []
        while let (job, _) = s.next() { started.append(job) }
        #expect(started.sorted() == [0, 1, 10])
        #expect(s.waitingCount == 2)
        s.finished(host: "a", multiplexed: false)
        #expect(s.next()?.job == 2)
        #expect(s.next() == nil)
    }

    @Test("a host that multiplexes may run up to the total limit")
    func multiplexingHost() {
        var s = HostScheduler<Int>(perHost: 1, maxActive: 3)
        for i in 0..<5 { s.enqueue(i, host: "h2") }
        #expect(s.next()?.job == 0)
        #expect(s.next() == nil)
        s.finished(host: "h2", multiplexed: true)
        var started: [Int] = []
        while let (job, _) = s.next() { started.append(job) }
        #expect(started == [1, 2, 3])
    }

    @Test("waiting jobs can be removed (cancelled) and drained")
    func removeAndDrain() {
        var s = HostScheduler<Int>(perHost: 1, maxActive: 4)
        for i in 0..<3 { s.enqueue(i, host: "a") }
        #expect(s.next()?.job == 0)
        #expect(s.remove { $0 == 2 } == 2)
        #expect(s.remove { $0 == 7 } == nil)
        #expect(s.waitingCount == 1)
        #expect(s.drain() == [1])
        #expect(s.next() == nil)
    }
}
