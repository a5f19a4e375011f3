#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor in large blocks and hands over each line (without `\n` or
/// `\r\n`) as soon as it is complete, as raw bytes valid only during the call.
enum LineReader {
    static func forEachLineBytes(fd: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        var pending: [UInt8] = []
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            buffer.withUnsafeBufferPointer { p in
                guard let base = p.baseAddress else { return }
                var start = 0
                while start < n, let nl = memchr(base + start, 0x0A, n - start) {
                    let i = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                    if pending.isEmpty {
                        body(line(UnsafeBufferPointer(rebasing: p[start..<i])))
                    } else {
                        pending.append(contentsOf: p[start..<i])
                        pending.withUnsafeBufferPointer { body(line($0)) }
                        pending.removeAll(keepingCapacity: true)
                    }
                    start = i + 1
                }
                pending.append(contentsOf: p[start..<n])
            }
        }
        if !pending.isEmpty { pending.withUnsafeBufferPointer { body(line($0)) } }
    }

    private static func line(_ p: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var end = p.count
        if end > 0 && p[end - 1] == 0x0D { end -= 1 }
        return UnsafeBufferPointer(rebasing: p[0..<end])
    }
}
