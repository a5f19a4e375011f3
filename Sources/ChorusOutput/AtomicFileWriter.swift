public import Foundation

/// Writes one output file so that readers never see it partial: bytes go to a hidden temporary
/// name in the destination folder; ``makeDurable()`` flushes and fsyncs it; ``publish()`` renames
/// it to its final name and fsyncs the folder. Optionally gzip-compresses on the way.
/// Used by one task at a time; not shared.
public final class AtomicFileWriter {
    /// The final path.
    public let url: URL
    /// The hidden temporary path, in the same folder (so the rename is atomic).
    public let temporaryURL: URL
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let gzip: GzipCompressor?
    /// Uncompressed bytes accepted so far.
    public private(set) var bytesWritten = 0

    /// Creates the folder if needed and opens the temporary file (exclusively: it must not exist).
    public init(url: URL, gzip: Bool = false) throws(OutputError) {
        self.url = url
        let folder = url.deletingLastPathComponent()
        temporaryURL = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError("output: \(folder.path): cannot create the folder (\(error.localizedDescription))")
        }
        fd = open(temporaryURL.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError("output: \(temporaryURL.path): cannot create (\(String(cString: strerror(errno))))") }
        self.gzip = gzip ? try GzipCompressor() : nil
        buffer.reserveCapacity(256 * 1024)
    }

    /// Appends bytes (one or more NDJSON lines).
    public func write(_ bytes: [UInt8]) throws(OutputError) {
        bytesWritten += bytes.count
        buffer.append(contentsOf: bytes)
        if buffer.count >= 256 * 1024 { try flushBuffer() }
    }

    /// Flushes everything (and the gzip trailer), then fsyncs the temporary file.
    public func makeDurable() throws(OutputError) {
        try flushBuffer()
        if let gzip { try gzip.finish { (chunk) throws(OutputError) in try self.writeAll(chunk) } }
        guard fsync(fd) == 0 else { throw failure("fsync") }
        close(fd)
        fd = -1
    }

    /// Renames the temporary file to the final name and fsyncs the folder. Call after ``makeDurable()``.
    public func publish() throws(OutputError) {
        guard rename(temporaryURL.path, url.path) == 0 else { throw failure("rename to \(url.lastPathComponent)") }
        try Self.syncFolder(url.deletingLastPathComponent())
    }

    /// Closes and deletes the temporary file (nothing is published).
    public func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporaryURL.path)
    }

    /// fsyncs a folder so a rename inside it survives a power loss.
    public static func syncFolder(_ folder: URL) throws(OutputError) {
        let dfd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { throw OutputError("output: \(folder.path): cannot open the folder (\(String(cString: strerror(errno))))") }
        defer { close(dfd) }
        guard fsync(dfd) == 0 else { throw OutputError("output: \(folder.path): fsync failed (\(String(cString: strerror(errno))))") }
    }

    private func flushBuffer() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        let pending = buffer
        buffer.removeAll(keepingCapacity: true)
        if let gzip {
            try gzip.compress(pending) { (chunk) throws(OutputError) in try self.writeAll(chunk) }
        } else {
            try writeAll(pending)
        }
    }

    private func writeAll(_ bytes: [UInt8]) throws(OutputError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("write")
            }
            offset += n
        }
    }

    private func failure(_ what: String) -> OutputError {
        OutputError("output: \(temporaryURL.path): \(what) failed (\(String(cString: strerror(errno))))")
    }

    deinit {
        if fd >= 0 { close(fd) }
    }
}
