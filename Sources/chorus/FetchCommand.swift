import ArgumentParser
import ChorusFetch
import ChorusRun
import Foundation
import Logging

/// `chorus fetch URL`: fetches one URL with exactly the policies an ingestion run uses and
/// prints one JSON object describing the outcome (see docs/fetch.md). With `--urls-from`, it
/// fetches many URLs concurrently and prints one such object per line.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch one URL as an ingestion run would, and print what happened as JSON.",
        discussion: """
            Prints one JSON object on stdout: url, final_url, status, not_modified, bytes, content_type, \
            etag, last_modified, retries, timings {dns, connect, tls, first_byte, total} in seconds, and \
            error (null, or {kind, message}), then permanent_redirect and bytes_on_wire. Logs go to stderr.

            Exit status: 0 on success (304 Not Modified included), 69 when the fetch failed, 64 on bad usage.

            With --urls-from FILE (one URL per line, optionally a tab and the ETag to send), every URL is \
            fetched concurrently and one object is printed per line, in the order of the file; the exit \
            status is then 0 if all succeeded, 1 if some failed, 69 if all failed.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The http or https URL to fetch.")
    var url: String?

    @Option(help: ArgumentHelp("Send If-None-Match with this ETag (as stored from a previous fetch).", valueName: "etag"))
    var etag: String?

    @Option(help: ArgumentHelp("Send If-Modified-Since with this HTTP date.", valueName: "http-date"))
    var lastModified: String?

    @Option(name: .customLong("header"), help: ArgumentHelp("An extra request header (repeatable).", valueName: "Name: value"))
    var headers: [String] = []

    @Option(help: ArgumentHelp("Send 'Authorization: Bearer <token>', the token read from this environment variable.", valueName: "VAR"))
    var bearerEnv: String?

    @Option(help: ArgumentHelp("Cap on the decoded body: bytes or a size like 512KiB, 20MiB (default 20MiB).", valueName: "size"))
    var maxBytes: String?

    @Option(help: ArgumentHelp("Total time limit per attempt: seconds or a duration like 5s, 2m (default 60s).", valueName: "duration"))
    var timeout: String?

    @Option(help: ArgumentHelp("Retries after the first attempt for connect errors, timeouts, 5xx and 429 (default 3).", valueName: "n"))
    var retries: Int?

    @Option(help: ArgumentHelp("Proxy for this fetch (default: the http_proxy/https_proxy/no_proxy environment).", valueName: "url"))
    var proxy: String?

    @Option(help: ArgumentHelp("CA bundle for TLS verification (verification is always on).", valueName: "file"))
    var caBundle: String?

    @Flag(help: "Refuse loopback, private and link-local addresses after DNS resolution.")
    var denyPrivateNetworks = false

    @Option(help: ArgumentHelp("Write the decoded body to this file, or '-' for stdout (the JSON report then goes to stderr); not on 304 or on error.", valueName: "file"))
    var body: String?

    @Option(help: ArgumentHelp("Fetch every URL listed in this file (one per line, optionally TAB and an ETag).", valueName: "file"))
    var urlsFrom: String?

    @Option(help: ArgumentHelp("With --urls-from: transfers in flight at once.", valueName: "n"))
    var concurrency: Int = 16

    @Option(help: ArgumentHelp("With --urls-from: connections per host.", valueName: "n"))
    var perHost: Int = 2

    func validate() throws {
        if (url == nil) == (urlsFrom == nil) { throw ValidationError("give either a URL or --urls-from FILE") }
        if urlsFrom != nil && body != nil { throw ValidationError("--body cannot be used with --urls-from") }
        for header in headers {
            guard let colon = header.firstIndex(of: ":"), header[..<colon].contains(where: { !$0.isWhitespace }) else {
                throw ValidationError("--header must look like 'Name: value', got '\(header)'")
            }
        }
        if let maxBytes, RunSize.bytes(maxBytes) == nil {
            throw ValidationError("--max-bytes must be a positive size like 20MiB, 512KiB or a number of bytes, found '\(maxBytes)'")
        }
        if let timeout, !(RunDuration.seconds(timeout).map { $0 > 0 } ?? false) {
            throw ValidationError("--timeout must be a positive duration like 5s, 2m or a number of seconds, at most 365d, found '\(timeout)'")
        }
        if let retries, retries < 0 { throw ValidationError("--retries must be 0 or more") }
        if concurrency < 1 || perHost < 1 { throw ValidationError("--concurrency and --per-host must be at least 1") }
        if let bearerEnv, ProcessInfo.processInfo.environment[bearerEnv]?.isEmpty ?? true {
            throw ValidationError("--bearer-env: environment variable \(bearerEnv) is not set")
        }
    }

    /// The policy an ingestion run uses, with this command's overrides.
    var policy: FetchPolicy {
        var policy = FetchPolicy()
        if let maxBytes = maxBytes.flatMap(RunSize.bytes) { policy.maxBytes = maxBytes }
        if let timeout = timeout.flatMap(RunDuration.seconds) {
            policy.totalTimeout = timeout
            policy.connectTimeout = min(policy.connectTimeout, timeout)
        }
        if let retries { policy.retries = retries }
        if let proxy { policy.proxy = proxy }
        if let caBundle { policy.caBundle = caBundle }
        if denyPrivateNetworks { policy.denyPrivateNetworks = true }
        return policy
    }

    var requestHeaders: [(name: String, value: String)] {
        var list = headers.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return (name, value)
        }
        if let bearerEnv, let token = ProcessInfo.processInfo.environment[bearerEnv] {
            list.append((name: "Authorization", value: "Bearer \(token)"))
        }
        return list
    }

    func run() async throws {
        global.bootstrap()
        if let problem = CurlFetcher.libraryProblem {
            FileHandle.standardError.write(Data((problem + "\n").utf8))
            throw ExitStatus.fatal
        }
        let logger = Logger(label: "chorus.fetch")
        if let urlsFrom {
            try await runMany(listFile: urlsFrom, logger: logger)
            return
        }
        guard let url else { throw ExitStatus.usage }
        let fetcher = CurlFetcher(logger: logger)
        defer { fetcher.shutdown() }
        let request = FetchRequest(
            url: url, headers: requestHeaders, etag: etag, lastModified: lastModified, policy: policy, label: ""
        )
        var report = FetchReport(url: url)
        do throws(FetchError) {
            report.response = try await fetcher.fetch(request)
        } catch {
            report.error = error
        }
        if body == "-" {
            // The body is the data; the report moves to stderr so the two never mix.
            if let response = report.response, response.status != 304 { FileHandle.standardOutput.write(Data(response.body)) }
            FileHandle.standardError.write(Data(report.jsonLine()))
        } else {
            if let body, let response = report.response, response.status != 304 {
                try Data(response.body).write(to: URL(fileURLWithPath: body), options: .atomic)
            }
            FileHandle.standardOutput.write(Data(report.jsonLine()))
        }
        if report.error != nil { throw ExitStatus.unavailable }
    }

    /// Lines of `URL` or `URL<TAB>ETag`; blank lines and `#` comments skipped; spaces trimmed.
    static func urlList(_ data: Data) -> [(url: String, etag: String?)] {
        func trimmed(_ field: ArraySlice<UInt8>) -> String {
            var field = field
            while let b = field.first, b == 0x20 || b == 0x0D { field = field.dropFirst() }
            while let b = field.last, b == 0x20 || b == 0x0D { field = field.dropLast() }
            return String(decoding: field, as: UTF8.self)
        }
        return [UInt8](data).split(separator: 0x0A).compactMap { line in
            let fields = line.split(separator: 0x09, maxSplits: 1, omittingEmptySubsequences: false)
            let url = trimmed(fields[0])
            guard !url.isEmpty, !url.hasPrefix("#") else { return nil }
            let etag = fields.count > 1 ? trimmed(fields[1]) : ""
            return (url, etag.isEmpty ? nil : etag)
        }
    }

    /// `--urls-from`: all URLs at once through one fetcher, one JSON line each.
    private func runMany(listFile: String, logger: Logger) async throws {
        let jobs = Self.urlList(try Data(contentsOf: URL(fileURLWithPath: listFile)))
        let fetcher = CurlFetcher(logger: logger, maxConcurrent: concurrency, maxPerHost: perHost)
        defer { fetcher.shutdown() }
        let policy = self.policy
        let headers = requestHeaders
        let requests = jobs.map { job in
            FetchRequest(url: job.url, headers: headers, etag: job.etag, lastModified: lastModified, policy: policy, label: "")
        }
        let results = await fetcher.fetchAll(requests)
        var failures = 0
        var out = [UInt8]()
        out.reserveCapacity(jobs.count * 400)
        for (job, result) in zip(jobs, results) {
            var report = FetchReport(url: job.url)
            switch result {
            case .success(let response): report.response = response
            case .failure(let error):
                report.error = error
                failures += 1
            }
            out.append(contentsOf: report.jsonLine())
        }
        FileHandle.standardOutput.write(Data(out))
        if failures > 0 { throw failures == jobs.count ? ExitStatus.unavailable : ExitStatus.partialFailure }
    }
}
