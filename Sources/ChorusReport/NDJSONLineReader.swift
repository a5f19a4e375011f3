import ChorusOutput
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the lines of one NDJSON file (plain or gzip, told apart by the gzip magic bytes, not
/// the name) in fixed-size chunks, so memory holds one chunk and one line, never the file.
/// `-` reads standard input.
struct NDJSONLineReader {
    /// A line longer than this is skipped as malformed rather than buffered without bound.
    static let maxLineBytes = 16 << 20
    /// Bytes read per `read(2)`.
    static let chunkBytes = 1 << 20

    /// What reading a file found besides its lines.
    struct Counts {
        /// Lines over ``maxLineBytes`` (skipped).
        var oversized = 0
    }

    /// Calls `line` with each line's bytes (without the newline; a final line without one is
    /// delivered too). The bytes are valid only during the call.
    static func read(path: String, line: (UnsafeBufferPointer<UInt8>) -> Void) throws(ReportError) -> Counts {
        let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReportError("\(path): cannot open (\(errnoText()))") }
        defer { if fd != 0 { close(fd) } }
        var splitter = LineSplitter()
        var inflater: GzipInflater?
        var first = true
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkBytes)
        defer { chunk.deallocate() }
        while true {
            let n = Glibc.read(fd, chunk.baseAddress, chunk.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw ReportError("\(path): read failed (\(errnoText()))")
            }
            if n == 0 { break }
            let got = UnsafeBufferPointer(rebasing: chunk[0..<n])
            if first {
                first = false
                if n >= 2, got[0] == 0x1f, got[1] == 0x8b {
                    do throws(OutputError) { inflater = try GzipInflater(name: path) } catch { throw ReportError(error.message) }
                }
            }
            if let inflater {
                do throws(OutputError) { try inflater.inflate(got) { splitter.feed($0, line: line) } } catch { throw ReportError(error.message) }
            } else {
                splitter.feed(got, line: line)
            }
        }
        if let inflater {
            do throws(OutputError) { try inflater.finish() } catch { throw ReportError(error.message) }
        }
        splitter.end(line: line)
        return Counts(oversized: splitter.oversized)
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// Cuts a byte stream into lines; a line split across chunks is carried over in `carry`.
private struct LineSplitter {
    var carry: [UInt8] = []
    /// The current line is over the cap: its bytes are dropped until the next newline.
    var skipping = false
    var oversized = 0

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, line: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count {
            guard let hit = memchr(base + start, 0x0A, bytes.count - start) else {
                keep(UnsafeBufferPointer(rebasing: bytes[start...]))
                return
            }
            let end = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
            if carry.isEmpty && !skipping {
                line(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            } else {
                keep(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                flush(line)
            }
            start = end + 1
        }
    }

    mutating func end(line: (UnsafeBufferPointer<UInt8>) -> Void) {
        if !carry.isEmpty || skipping { flush(line) }
    }

    private mutating func keep(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !skipping else { return }
        if carry.count + bytes.count > NDJSONLineReader.maxLineBytes {
            skipping = true
            carry = []
        } else {
            carry.append(contentsOf: bytes)
        }
    }

    private mutating func flush(_ line: (UnsafeBufferPointer<UInt8>) -> Void) {
        if skipping {
            oversized += 1
        } else {
            carry.withUnsafeBufferPointer { line($0) }
        }
        carry.removeAll(keepingCapacity: carry.capacity <= 1 << 20)
        skipping = false
    }
}
