import Foundation
import Synchronization

/// The sources a run is working on, in a small file beside the state (`<state>.inflight`, one
/// name a line), rewritten whenever the set changes. Kept out of SQLite so a source start costs
/// a `pwrite`, not a transaction with its fsyncs: a crash or kill leaves the page cache (and the
/// file) intact, which is all the next run needs to see who was in flight. Only a power loss
/// can lose it, and that is no poison pill.
final class InFlightLog: Sendable {
    let url: URL
    private let fd: Int32
    private let names = Mutex<[String]>([])

    /// Opens (creating) the file; nil when it cannot be written (the breaker then stays blind).
    init?(url: URL) {
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        self.url = url
        self.fd = fd
    }

    deinit { close(fd) }

    /// The names a dead run left in the file at `url` (empty when none or no file).
    static func leftover(at url: URL) -> [String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    func begin(_ name: String) { names.withLock { $0.append(name); store($0) } }

    func end(_ name: String) {
        names.withLock { list in
            if let i = list.firstIndex(of: name) { list.remove(at: i) }
            store(list)
        }
    }

    /// Empties the file (after the leftover was counted).
    func clear() { names.withLock { $0 = []; store($0) } }

    private func store(_ list: [String]) {
        // Straight into bytes: a run rewrites the file twice per source, with up to
        // `concurrency` names each time.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(list.reduce(0) { $0 + $1.utf8.count + 1 })
        for name in list {
            bytes.append(contentsOf: name.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        _ = ftruncate(fd, off_t(bytes.count))
    }
}
