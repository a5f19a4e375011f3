import ChorusParse
import Foundation

/// Reads whole small files for `chorus parse` into one buffer it reuses from file to file
/// (one `open`, `fstat` and usually one `read` per file, no allocation once the buffer has
/// grown). Not shared between threads: each worker owns one.
final class ParseFileReader {
    private var buffer: UnsafeMutableRawBufferPointer

    init(capacity: Int = 1 << 16) {
        buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// The bytes of regular file `path` (valid until the next call), or nil when it is not a
    /// regular file or holds `limit` bytes or more: such files are for streaming.
    func read(_ path: String, limit: Int, context: ParseContext) throws(ParseError) -> UnsafeRawBufferPointer? {
        // The type first, without opening: opening a FIFO would wait for its writer, and closing
        // it unread would cost the writer its data, which the streaming path must get instead.
        var info = stat()
        if stat(path, &info) != 0 { throw ParseError("parse: \(context.source): cannot open: \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) < limit else { return nil }
        // O_NONBLOCK: should the path have become a FIFO since, open must not wait (regular
        // files ignore the flag).
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { throw ParseError("parse: \(context.source): cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) < limit else { return nil }
        // One byte more than the size, so a file read to its end is seen to end in one read.
        reserve(Int(info.st_size) + 1, keeping: 0)
        var count = 0
        while true {
            if count == buffer.count {
                if count >= limit { return nil }
                reserve(count * 2, keeping: count)
            }
            let n = Foundation.read(fd, buffer.baseAddress! + count, buffer.count - count)
            if n < 0 {
                if errno == EINTR { continue }
                throw ParseError("parse: \(context.source): read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            count += n
        }
        if count >= limit { return nil }
        return UnsafeRawBufferPointer(rebasing: buffer[0..<count])
    }

    /// Grows the buffer to at least `size` bytes, keeping its first `kept` bytes.
    private func reserve(_ size: Int, keeping kept: Int) {
        guard size > buffer.count else { return }
        let fresh = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, buffer.count * 2), alignment: 16)
        if kept > 0 { fresh.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<kept])) }
        buffer.deallocate()
        buffer = fresh
    }
}
