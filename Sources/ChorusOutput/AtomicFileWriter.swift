public import Foundation

/// Writes one output file so that readers never see it partial: bytes go to a hidden temporary
/// name in the destination folder; ``makeDurable()`` flushes and fsyncs it; ``publish(to:)``
/// gives it its final name without ever replacing another file, and fsyncs the folder.
/// Optionally gzip-compresses on the way. Used by one task at a time; not shared.
///
/// The temporary name is `.<final name>.<pid>.tmp`, or `.<final name>.<pid>.<tag>.tmp` with a
/// tag naming the owner (see ``temporaryOwner(of:)``).
public final class AtomicFileWriter {
    /// The final path: the one asked for, until ``publish(to:)`` published under another.
    public private(set) var url: URL
    /// The hidden temporary path, in the same folder (so the rename is atomic).
    public let temporaryURL: URL
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let gzip: GzipCompressor?
    /// Uncompressed bytes accepted so far.
    public private(set) var bytesWritten = 0

    /// Creates the folder if needed and opens the temporary file (exclusively: it must not exist).
    /// `tag` (letters and digits) marks the temporary file as its owner's, for cleanups.
    public init(url: URL, gzip: Bool = false, tag: String? = nil) throws(OutputError) {
        self.url = url
        let folder = url.deletingLastPathComponent()
        temporaryURL = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid())\(tag.map { ".\($0)" } ?? "").tmp")
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

    /// Publishes under ``url`` (see ``publish(to:)``); a name already taken is an error.
    public func publish() throws(OutputError) {
        guard try publish(to: url) else {
            throw OutputError("output: \(url.path): the name is already taken by another file")
        }
    }

    /// Gives the durable temporary file the final name `candidate` (in the same folder) unless
    /// that name exists, and fsyncs the folder. Returns false, leaving everything as it was, when
    /// the name is taken (another run published it): another run's file is never replaced.
    /// Call after ``makeDurable()``.
    ///
    /// It `link(2)`s the temporary file to the final name (which fails if the name exists), then
    /// unlinks the temporary name. A crash between the two leaves both names on one inode, which
    /// recovery recognizes as published. On a filesystem without hard links it falls back to
    /// checking the name, then `rename(2)`, which cannot exclude a concurrent run.
    public func publish(to candidate: URL) throws(OutputError) -> Bool {
        if link(temporaryURL.path, candidate.path) == 0 {
            unlink(temporaryURL.path)
        } else {
            switch errno {
            case EEXIST:
                return false
            case EPERM, EOPNOTSUPP, ENOSYS:
                if FileManager.default.fileExists(atPath: candidate.path) { return false }
                guard rename(temporaryURL.path, candidate.path) == 0 else { throw failure("rename to \(candidate.lastPathComponent)") }
            default:
                throw failure("link to \(candidate.lastPathComponent)")
            }
        }
        url = candidate
        try Self.syncFolder(candidate.deletingLastPathComponent())
        return true
    }

    /// The pid and tag embedded in a temporary file name written by this type, or nil for any
    /// other name.
    public static func temporaryOwner(of name: String) -> (pid: Int32, tag: String?)? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        if let pid = Int32(parts[parts.count - 1]) { return (pid, nil) }
        guard let pid = Int32(parts[parts.count - 2]), parts.count >= 4 else { return nil }
        return (pid, String(parts[parts.count - 1]))
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
