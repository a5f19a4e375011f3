import ChorusModel
import ChorusOutput
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Encodes Items as NDJSON into one growing buffer and writes it to a file descriptor
/// (stdout) in large blocks, so `chorus parse` makes one `write(2)` per ~256 KiB, not per line.
struct ParseStdoutWriter {
    private var json = JSONWriter(capacity: 1 << 19)
    private let fd: Int32
    private let threshold = 1 << 18

    init(fd: Int32 = 1) { self.fd = fd }

    mutating func write(_ item: Item) {
        ItemEncoder.append(item, to: &json)
        if json.bytes.count >= threshold { flush() }
    }

    /// Appends NDJSON lines encoded elsewhere (a batch worker's buffer).
    mutating func write(encoded lines: [UInt8]) {
        guard !lines.isEmpty else { return }
        json.bytes.append(contentsOf: lines)
        if json.bytes.count >= threshold { flush() }
    }

    /// Writes everything buffered; a closed pipe ends the process quietly like any Unix filter.
    mutating func flush() {
        json.bytes.withUnsafeBytes { buf in
            var offset = 0
            while offset < buf.count {
                let n = writeBytes(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    exit(errno == EPIPE ? ExitStatus.success.rawValue : ExitStatus.ioError.rawValue)
                }
                offset += n
            }
        }
        json.bytes.removeAll(keepingCapacity: true)
    }
}

@inline(__always) private func writeBytes(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    write(fd, p, n)
}
