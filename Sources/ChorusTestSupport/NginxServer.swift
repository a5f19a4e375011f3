public import Foundation
import Glibc

/// Debian's nginx serving a directory on 127.0.0.1 at a free port, for tests and benchmarks:
/// started as a foreground child (`daemon off`) with its config, pid file, logs and temp
/// paths in a private prefix directory; `etag on`, `gzip on` for feed and JSON types, and
/// the MIME types feeds use. Stops when this object goes away (or on `stop()`).
public final class NginxServer: Sendable {
    /// A certificate and its private key (PEM files) for serving HTTPS.
    public struct TLSFiles: Sendable {
        public var certificate: URL
        public var key: URL

        public init(certificate: URL, key: URL) {
            self.certificate = certificate
            self.key = key
        }
    }

    /// `http://127.0.0.1:<port>`, or `https://…` when serving TLS.
    public let baseURL: String
    /// The port nginx listens on.
    public let port: Int
    /// The directory being served.
    public let root: URL
    /// The prefix directory holding nginx.conf, error.log and access.log.
    public let prefix: URL
    private let process: Process

    /// The nginx binary used, overridable with `$CHORUS_NGINX`.
    public static var executable: String {
        ProcessInfo.processInfo.environment["CHORUS_NGINX"] ?? "/usr/sbin/nginx"
    }

    /// Starts nginx serving `root` and waits (up to `timeout` seconds) until it accepts connections.
    /// - Parameters:
    ///   - extraServerConfig: directives added inside the `server {}` block (extra `location`s, headers).
    ///   - accessLog: write an access log to `prefix/access.log` (off for benchmarks); the
    ///     "combined" format followed by ` end=<Unix time the response ended, ms>`,
    ///     ` took=<seconds since the request's first byte, ms>`, ` conn=<connection serial>` and
    ///     ` proto=<protocol>`.
    ///   - tls: serve HTTPS (HTTP/2 offered through ALPN) with this certificate.
    public init(
        root: URL, extraServerConfig: String = "", accessLog: Bool = true, tls: TLSFiles? = nil, timeout: Double = 15
    ) throws {
        let prefix = try RepoPaths.temporaryDirectory("chorus-nginx")
        var lastError = "no attempt made"
        for _ in 0..<5 {
            let port = try Self.freePort()
            let conf = Self.config(root: root, prefix: prefix, port: port, extra: extraServerConfig, accessLog: accessLog, tls: tls)
            let confURL = prefix.appendingPathComponent("nginx.conf")
            try conf.write(to: confURL, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.executable)
            process.arguments = [
                "-p", prefix.path + "/", "-c", confURL.path, "-e", prefix.appendingPathComponent("error.log").path,
                "-g", "daemon off;",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.standardError
            do {
                try process.run()
            } catch {
                throw LoopbackServerError(message: "nginx: cannot start \(Self.executable): \(error) (install nginx-light: scripts/setup test)")
            }
            if Self.waitUntilAccepting(port: port, process: process, timeout: timeout) {
                self.port = port
                self.baseURL = "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)"
                self.root = root
                self.prefix = prefix
                self.process = process
                return
            }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            let log = (try? String(contentsOf: prefix.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
            lastError = log.split(separator: "\n").suffix(3).joined(separator: " | ")
            // A port taken between probing and nginx's bind: try another one.
            guard log.contains("Address already in use") else { break }
        }
        throw LoopbackServerError(message: "nginx did not start on 127.0.0.1: \(lastError)")
    }

    /// Stops nginx (fast shutdown) and waits for it to exit.
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: prefix)
    }

    /// The body of nginx.conf.
    static func config(root: URL, prefix: URL, port: Int, extra: String, accessLog: Bool, tls: TLSFiles?) -> String {
        let p = prefix.path
        // Temp paths of modules compiled in; the defaults under /var/lib/nginx need root.
        let optionalTemp = ["fastcgi", "uwsgi", "scgi", "proxy"]
            .filter { !compiledWithout.contains("--without-http_\($0)_module") }
            .map { "    \($0)_temp_path \(p)/\($0)_temp;" }
            .joined(separator: "\n")
        let listen = tls.map {
            "listen 127.0.0.1:\(port) ssl http2; ssl_certificate \($0.certificate.path); ssl_certificate_key \($0.key.path);"
        } ?? "listen 127.0.0.1:\(port);"
        return """
            \(geteuid() == 0 ? "user root root;" : "")
            worker_processes 1;
            pid \(p)/nginx.pid;
            error_log \(p)/error.log warn;
            events { worker_connections 1024; }
            http {
                types {
                    text/html html htm;
                    text/plain txt;
                    text/xml xml;
                    application/rss+xml rss;
                    application/atom+xml atom;
                    application/rdf+xml rdf;
                    application/json json;
                    application/feed+json jsonfeed;
                }
                default_type application/octet-stream;
                log_format chorus '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
                                  '"$http_referer" "$http_user_agent" end=$msec took=$request_time '
                                  'conn=$connection proto=$server_protocol';
                access_log \(accessLog ? "\(p)/access.log chorus" : "off");
                client_body_temp_path \(p)/client_body_temp;
            \(optionalTemp)
                sendfile on;
                tcp_nopush on;
                keepalive_timeout 65;
                keepalive_requests 100000;
                etag on;
                gzip on;
                gzip_min_length 32;
                gzip_vary on;
                gzip_proxied any;
                gzip_types text/plain text/xml application/xml application/rss+xml application/atom+xml
                           application/rdf+xml application/json application/feed+json;
                server {
                    \(listen)
                    server_name localhost;
                    root \(root.path);
                    location / { }
            \(extra)
                }
            }
            """
    }

    /// The lines nginx has written to its access log so far.
    public func accessLogLines() throws -> [String] {
        let text = try String(contentsOf: prefix.appendingPathComponent("access.log"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    /// Makes a self-signed certificate for 127.0.0.1 and localhost in `directory` with the
    /// `openssl` command (Debian package openssl); the certificate doubles as its own CA bundle.
    public static func makeSelfSignedCertificate(in directory: URL) throws -> TLSFiles {
        let files = TLSFiles(
            certificate: directory.appendingPathComponent("cert.pem"), key: directory.appendingPathComponent("key.pem")
        )
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout", files.key.path, "-out", files.certificate.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LoopbackServerError(message: "nginx: openssl could not make a test certificate (install openssl)")
        }
        return files
    }

    /// `nginx -V`'s configure arguments (to know which modules are compiled out).
    private static let compiledWithout: String = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-V"]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return "" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }()

    /// A port the kernel just handed out for 127.0.0.1 (bound, then released for nginx).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackServerError(message: "nginx: socket() failed: errno \(errno)") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) }
        }
        guard bound == 0 else { throw LoopbackServerError(message: "nginx: bind() failed: errno \(errno)") }
        let named = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        guard named == 0 else { throw LoopbackServerError(message: "nginx: getsockname() failed: errno \(errno)") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Polls a TCP connect to the port until it succeeds, the process dies, or time runs out.
    static func waitUntilAccepting(port: Int, process: Process, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard process.isRunning else { return false }
            if canConnect(port: port) { return true }
            usleep(20_000)
        }
        return false
    }

    private static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return rc == 0
    }
}
