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

    @Test func theLockIsFreeAgainOnceReleased() throws {
        let url = try RepoPaths.temporaryDirectory("chorus-lock").appendingPathComponent("chorus.sqlite.lock")
        do { _ = try RunLock(url: url) }
        let again = try RunLock(url: url)
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
