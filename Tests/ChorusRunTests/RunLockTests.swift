import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusRun

@Suite("Run lock")
struct RunLockTests {
    @Test func aSecondLockOnTheSameFileIsRefusedWithThePidOfTheHolder() throws {
        let url = try RepoPaths.temporaryDirectory("chorus-lock").appendingPathComponent("state/chorus.sqlite.lock")
        let first = try RunLock(url: url)
        #expect {
            _ = try RunLock(url: url)
        } throws: { error in
            guard case .held(let message) = error as? RunLockError else { return false }
            return message.contains(url.path) && message.contains("pid \(getpid())")
        }
        withExtendedLifetime(first) {}
    }

    /// Whether another open file description can take an exclusive `flock` on `url` now (the
    /// kernel's view, independent of RunLock); releases it at once.
    static func kernelLockIsFree(_ url: URL) -> Bool {
        let fd = open(url.path, O_RDWR)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return false }
        flock(fd, LOCK_UN)
        return true
    }

    @Test func theLockIsHeldInTheKernelWithThePidAndFreeAgainOnceReleased() throws {
        let url = try RepoPaths.temporaryDirectory("chorus-lock").appendingPathComponent("chorus.sqlite.lock")
        var first: RunLock? = try RunLock(url: url)
        #expect(!Self.kernelLockIsFree(url))
        #expect(try String(contentsOf: url, encoding: .utf8) == "\(getpid())\n")
        withExtendedLifetime(first) {}
        first = nil
        #expect(Self.kernelLockIsFree(url))
        let again = try RunLock(url: url)
        #expect(!Self.kernelLockIsFree(url))
        withExtendedLifetime(again) {}
    }

    @Test func anUnusableLockPathIsAFailureNotHeld() throws {
        let file = try RepoPaths.temporaryDirectory("chorus-lock").appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        #expect {
            _ = try RunLock(url: file.appendingPathComponent("chorus.lock"))
        } throws: { error in
            if case .failed = error as? RunLockError { return true }
            return false
        }
    }
}

/// The lock holds when its file is deleted or replaced under a running holder.
@Suite("Run lock, file deleted")
struct RunLockDeletedTests {
    @Test func aDeletedLockFileStillKeepsASecondRunOut() throws {
        let dir = try RepoPaths.temporaryDirectory("chorus-lock")
        let lock = dir.appendingPathComponent("state/chorus.sqlite.lock"), state = dir.appendingPathComponent("state/chorus.sqlite")
        var first: RunLock? = try RunLock(url: lock, guarding: state)
        try FileManager.default.removeItem(at: lock)
        #expect {
            _ = try RunLock(url: lock, guarding: state)
        } throws: { error in
            guard case .held(let message) = error as? RunLockError else { return false }
            return message.contains(state.path) && message.contains("deleted or replaced")
        }
        // Replaced by another file of the same name: still held.
        try Data("0\n".utf8).write(to: lock)
        #expect(throws: RunLockError.self) { _ = try RunLock(url: lock, guarding: state) }
        #expect(!RunLockTests.kernelLockIsFree(state), "the state itself stays locked")
        withExtendedLifetime(first) {}
        first = nil
        #expect(RunLockTests.kernelLockIsFree(state))
        let again = try RunLock(url: lock, guarding: state)
        #expect(!RunLockTests.kernelLockIsFree(lock) && !RunLockTests.kernelLockIsFree(state))
        withExtendedLifetime(again) {}
    }
}
