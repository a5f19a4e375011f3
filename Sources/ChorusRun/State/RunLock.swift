public import Foundation

/// The run lock: an exclusive `flock` on a file beside the state, taken without waiting.
/// The kernel drops it when the process exits, however it exits, so a crash never leaves
/// a stale lock. The holder's pid is written into the file for the message of the loser.
public final class RunLock: Sendable {
    private let fd: Int32
    public let url: URL

    /// Takes the lock or throws ``RunLockError/held`` at once.
    public init(url: URL) throws(RunLockError) {
        self.url = url
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .failed("lock: \(url.path): cannot create the folder (\(error.localizedDescription))")
        }
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .failed("lock: \(url.path): cannot open (\(String(cString: strerror(errno))))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let err = errno
            let holder = (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            if err == EWOULDBLOCK {
                throw .held("lock: another chorus run holds \(url.path)\(holder.isEmpty ? "" : " (pid \(holder))"); this run did nothing")
            }
            throw .failed("lock: \(url.path): flock failed (\(String(cString: strerror(err))))")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        self.fd = fd
    }

    /// Releases the lock (also released when the object goes away or the process ends).
    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// The lock could not be taken.
public enum RunLockError: Error, Sendable, CustomStringConvertible {
    /// Another process holds it.
    case held(String)
    /// The lock file could not be used.
    case failed(String)

    public var description: String {
        switch self {
        case .held(let m), .failed(let m): m
        }
    }
}
