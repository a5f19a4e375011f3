#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor in large blocks and hands over each line (without `\n` or
/// `\r\n`; invalid UTF-8 repaired), as soon as it is complete.
enum LineReader {
    static func forEachLine(fd: Int32, _ body: (String) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var pending: [UInt8] = []
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            buffer.withUnsafeBufferPointer { p in
                var start = 0
                for i in 0..<n where p[i] == 0x0A {
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

    private static func line(_ p: UnsafeBufferPointer<UInt8>) -> String {
        var end = p.count
        if end > 0 && p[end - 1] == 0x0D { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: p[0..<end]), as: UTF8.self)
    }
}
