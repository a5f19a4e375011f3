import Foundation
import Glibc

/// A server process on 127.0.0.1 started for tests: the process prints `PORT <n>` as its
/// first stdout line once it listens, and is terminated when this object goes away.
/// Used for the Python fault/API servers under Tests/Servers and for nginx (see NginxServer).
public final class LoopbackServer: Sendable {
    /// `http://127.0.0.1:<port>`
    public let baseURL: String
    public let port: Int
    private let process: Process

    /// Starts `executable arguments...` and waits (up to `timeout` seconds) for its `PORT` line.
    public init(executable: String, arguments: [String], environment: [String: String]? = nil, timeout: Double = 15) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.standardError
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = Data()
        var port: Int?
        let handle = out.fileHandleForReading
        while port == nil && Date() < deadline && process.isRunning {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            if let line = String(data: buffer, encoding: .utf8)?.split(separator: "\n").first(where: { $0.hasPrefix("PORT ") }) {
                port = Int(line.dropFirst(5).trimmingCharacters(in: .whitespaces))
            }
        }
        guard let port else {
            if process.isRunning { process.terminate() }
            throw LoopbackServerError(message: "test server \(executable) \(arguments.joined(separator: " ")) did not report its port")
        }
        self.port = port
        self.baseURL = "http://127.0.0.1:\(port)"
        self.process = process
    }

    /// Starts a Python script from Tests/Servers with the interpreter on PATH.
    public convenience init(pythonScript name: String, arguments: [String] = []) throws {
        let script = RepoPaths.root.appendingPathComponent("Tests/Servers/\(name)").path
        try self.init(executable: "/usr/bin/env", arguments: ["python3", "-u", script] + arguments)
    }

    /// Stops the server: SIGTERM, then SIGKILL if it is still running after two seconds.
    /// (A child spawned from a libdispatch worker thread inherits that thread's blocked
    /// signals, SIGTERM included, so a script that does not unblock it would never exit.)
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// A test server failed to start.
public struct LoopbackServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
