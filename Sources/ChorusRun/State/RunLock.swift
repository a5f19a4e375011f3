public import Foundation

/// The run lock: an exclusive `flock` on a file beside the state, taken without waiting.
/// The kernel drops it when the process exits, however it exits, so a crash never leaves
/// a stale lock. The holder's pid is written into the file for the message of the loser.
///
/// A lock file can be deleted or replaced while a run holds it (a clean-up script, a user);
/// a second run would then lock a new file and run in parallel. So the lock also takes an
/// exclusive `flock` on the state database itself (`guarding`), the one file every run must
/// open and nobody replaces: the second run finds it held and stops. (`flock` and SQLite's
/// `fcntl` locks are independent on Linux; the descriptor stays open until the lock goes
/// away, so SQLite's own locks are never dropped by a `close` of ours mid-transaction.)
public final class RunLock: Sendable {
    private let fd: Int32
    private let guardFD: Int32
    public let url: URL

    /// Takes the lock (and the one on `guarding`, created empty when missing) or throws
    /// ``RunLockError/held`` at once.
    public convenience init(url: URL, guarding: URL) throws(RunLockError) {
        try self.init(url: url, guardPath: guarding)
    }

    /// Takes the lock file's lock only (tests of the lock file itself).
    public convenience init(url: URL) throws(RunLockError) {
        try self.init(url: url, guardPath: nil)
    }

    private init(url: URL, guardPath: URL?) throws(RunLockError) {
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
        var guardFD: Int32 = -1
        if let guardPath {
            guardFD = open(guardPath.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard guardFD >= 0 else {
                let err = errno
                close(fd)
                throw .failed("lock: \(guardPath.path): cannot open the state (\(String(cString: strerror(err))))")
            }
            if flock(guardFD, LOCK_EX | LOCK_NB) != 0 {
                let err = errno
                close(guardFD)
                close(fd)
                if err == EWOULDBLOCK {
                    throw .held("lock: another chorus run holds \(guardPath.path) (its lock file \(url.path) was deleted or replaced); this run did nothing")
                }
                throw .failed("lock: \(guardPath.path): flock failed (\(String(cString: strerror(err))))")
            }
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        self.fd = fd
        self.guardFD = guardFD
    }

    /// Releases the lock (also released when the object goes away or the process ends).
    deinit {
        if guardFD >= 0 {
            flock(guardFD, LOCK_UN)
            close(guardFD)
        }
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
