/// Decides which waiting transfer starts next on the curl loop thread: at most `perHost`
/// transfers per host at once (all of them for a host that multiplexes over HTTP/2), hosts
/// served round-robin so one busy host cannot starve the others. Keeping the per-host queue
/// here rather than in libcurl's pending list avoids libcurl 7.88's occasional stall of a
/// pending transfer until the next poll timeout.
struct HostScheduler<Job> {
    private struct Queue {
        var jobs: [Job] = []
        var head = 0
        var active = 0
        var isEmpty: Bool { head == jobs.count }
    }

    private var queues: [String: Queue] = [:]
    /// Hosts with waiting jobs, in round-robin order.
    private var ready: [String] = []
    private var multiplexing: Set<String> = []
    private let perHost: Int
    private let maxActive: Int
    /// Waiting jobs in all queues.
    private(set) var waitingCount = 0

    init(perHost: Int, maxActive: Int) {
        self.perHost = max(1, perHost)
        self.maxActive = max(1, maxActive)
    }

    /// The scheduling key of a URL: scheme, host and port, lowercased.
    static func hostKey(_ url: String) -> String {
        var bytes = Array(url.utf8)
        var i = 0
        // scheme "://"
        while i + 2 < bytes.count, !(bytes[i] == 0x3A && bytes[i + 1] == 0x2F && bytes[i + 2] == 0x2F) { i += 1 }
        guard i + 2 < bytes.count else { return url }
        let authorityStart = i + 3
        var end = authorityStart
        var at: Int?
        while end < bytes.count, bytes[end] != 0x2F, bytes[end] != 0x3F, bytes[end] != 0x23 {
            if bytes[end] == 0x40 { at = end }
            end += 1
        }
        if let at { bytes.removeSubrange(authorityStart...at); end -= at - authorityStart + 1 }
        bytes.removeSubrange(end...)
        for j in bytes.indices where bytes[j] >= 0x41 && bytes[j] <= 0x5A { bytes[j] |= 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func enqueue(_ job: Job, host: String) {
        if queues[host] == nil { queues[host] = Queue() }
        let wasEmpty = queues[host]!.isEmpty
        queues[host]!.jobs.append(job)
        waitingCount += 1
        if wasEmpty { ready.append(host) }
    }

    /// The next job allowed to start, marked active; nil when none may start now.
    mutating func next() -> (job: Job, host: String)? {
        var scanned = 0
        while scanned < ready.count {
            let host = ready.removeFirst()
            scanned += 1
            var queue = queues[host]!
            let limit = multiplexing.contains(host) ? maxActive : perHost
            if queue.active < limit && !queue.isEmpty {
                let job = queue.jobs[queue.head]
                queue.head += 1
                queue.active += 1
                if queue.head > 64 && queue.head * 2 > queue.jobs.count {
                    queue.jobs.removeFirst(queue.head)
                    queue.head = 0
                }
                if !queue.isEmpty { ready.append(host) }
                queues[host] = queue
                waitingCount -= 1
                return (job, host)
            }
            ready.append(host)
        }
        return nil
    }

    /// A job of `host` finished; `multiplexed` when its connection spoke HTTP/2 or later.
    mutating func finished(host: String, multiplexed: Bool) {
        guard var queue = queues[host] else { return }
        queue.active -= 1
        if multiplexed { multiplexing.insert(host) }
        if queue.active == 0 && queue.isEmpty {
            queues[host] = nil
        } else {
            queues[host] = queue
        }
    }

    /// Removes a waiting job matching `predicate`; returns it.
    mutating func remove(where predicate: (Job) -> Bool) -> Job? {
        for (host, var queue) in queues {
            guard let index = queue.jobs[queue.head...].firstIndex(where: predicate) else { continue }
            let job = queue.jobs.remove(at: index)
            waitingCount -= 1
            if queue.isEmpty { ready.removeAll { $0 == host } }
            if queue.active == 0 && queue.isEmpty { queues[host] = nil } else { queues[host] = queue }
            return job
        }
        return nil
    }

    /// Removes and returns every waiting job.
    mutating func drain() -> [Job] {
        var all: [Job] = []
        for (host, var queue) in queues {
            all += queue.jobs[queue.head...]
            queue.jobs.removeAll()
            queue.head = 0
            queues[host] = queue
        }
        ready.removeAll()
        waitingCount = 0
        return all
    }
}
