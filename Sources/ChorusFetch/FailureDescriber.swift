import CCurlShim
import Foundation

/// Turns an attempt's ``TransferOutcome`` into a response or a ``FetchError`` whose message
/// says what went wrong in words, starting with "fetch:", naming the source and the URL with
/// secrets redacted.
struct FailureDescriber {
    /// The judgement on one attempt.
    enum Verdict {
        case success(FetchResponse)
        /// `serverDelay`: the wait the server asked for (Retry-After, rate-limit reset).
        case failure(FetchError, retryable: Bool, serverDelay: Double?)
    }

    let request: FetchRequest

    init(request: FetchRequest) {
        self.request = request
    }

    /// Built only when a message is needed (the success path never pays for it).
    var redactor: SecretRedactor { SecretRedactor(headers: request.headers) }

    /// The request URL with secrets masked.
    var safeURL: String { redactor.redact(request.url) }

    /// "fetch: <label>: <url>: <detail>" (the label part left out when empty), redacted.
    func message(_ detail: String) -> String {
        let redactor = self.redactor
        let url = redactor.redact(request.url)
        let head = request.label.isEmpty ? "fetch: \(url)" : "fetch: \(request.label): \(url)"
        return redactor.redact("\(head): \(detail)")
    }

    func judge(_ outcome: TransferOutcome, retries: Int, now: Date) -> Verdict {
        if outcome.cancelled { return .failure(cancelled(retries: retries), retryable: false, serverDelay: nil) }
        if outcome.code != 0 {
            let (kind, retryable) = Self.classify(curlCode: outcome.code, outcome: outcome)
            let detail = describe(kind: kind, outcome: outcome)
            return .failure(FetchError(kind: kind, message: message(detail), retries: retries), retryable: retryable, serverDelay: nil)
        }
        let status = outcome.status
        let rateLimit = RateLimit(headers: outcome.headers, now: now)
        if (200..<300).contains(status) || status == 304 {
            var response = FetchResponse(
                url: request.url, finalURL: outcome.effectiveURL, status: status, headers: outcome.headers,
                body: status == 304 ? [] : outcome.body, permanentRedirect: outcome.permanentRedirect,
                timings: outcome.timings, bytesOnWire: outcome.bytesOnWire, retries: retries
            )
            response.rateLimit = rateLimit
            return .success(response)
        }
        let delay = RetryPolicy.serverDelay(status: status, headers: outcome.headers, rateLimit: rateLimit, now: now)
        let kind: FetchError.Kind = status == 429 ? .rateLimited : .httpStatus
        var detail = "HTTP \(status)"
        if !outcome.reason.isEmpty { detail += " \(outcome.reason)" }
        if status == 429 { detail += " (rate limited)" }
        if (300..<400).contains(status) { detail += " (a redirect without a usable Location)" }
        var error = FetchError(kind: kind, message: message(detail), status: status, retries: retries)
        error.retryAfter = delay
        error.rateLimit = rateLimit
        return .failure(error, retryable: RetryPolicy.isRetryable(status: status), serverDelay: delay)
    }

    /// The error as finally thrown: says how many retries were spent.
    func givingUp(_ error: FetchError) -> FetchError {
        guard error.retries > 0 else { return error }
        var error = error
        error.message += " after \(error.retries) \(error.retries == 1 ? "retry" : "retries")"
        return error
    }

    /// The error once the next wait would overrun the retry budget.
    func budgetExceeded(_ error: FetchError, delay: Double, budget: Double) -> FetchError {
        var error = givingUp(error)
        error.message += "; the next retry would wait \(Self.seconds(delay)), over the retry budget of \(Self.seconds(budget))"
        return error
    }

    /// The log line before a retry.
    func retryNotice(_ error: FetchError, delay: Double, retry: Int) -> String {
        "\(error.message), retrying in \(Self.seconds(delay)) (retry \(retry) of \(request.policy.retries))"
    }

    func cancelled(retries: Int) -> FetchError {
        var error = FetchError(kind: .connection, message: message("cancelled"), retries: retries)
        error.cancelled = true
        return error
    }

    /// "1.5 s"
    static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    /// Whether `judge` would call this outcome a retryable failure (cheap: no response built).
    static func isRetryable(_ outcome: TransferOutcome) -> Bool {
        if outcome.cancelled { return false }
        if outcome.code != 0 { return classify(curlCode: outcome.code, outcome: outcome).1 }
        return RetryPolicy.isRetryable(status: outcome.status)
    }

    /// The error class of a libcurl result and whether it is worth retrying.
    static func classify(curlCode: Int, outcome: TransferOutcome) -> (FetchError.Kind, Bool) {
        if outcome.blockedAddress != nil { return (.privateNetwork, false) }
        if outcome.exceededCap { return (.tooLarge, false) }
        switch CURLcode(UInt32(curlCode)) {
        case CURLE_UNSUPPORTED_PROTOCOL: return (.protocolNotAllowed, false)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return (.dns, false)
        case CURLE_OPERATION_TIMEDOUT: return (.timeout, true)
        case CURLE_TOO_MANY_REDIRECTS: return (.tooManyRedirects, false)
        case CURLE_FILESIZE_EXCEEDED: return (.tooLarge, false)
        case CURLE_BAD_CONTENT_ENCODING: return (.decode, false)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_SHUTDOWN_FAILED,
             CURLE_USE_SSL_FAILED, CURLE_SSL_CLIENTCERT:
            return (.tls, false)
        case CURLE_URL_MALFORMAT, CURLE_FAILED_INIT, CURLE_OUT_OF_MEMORY, CURLE_UNKNOWN_OPTION, CURLE_NOT_BUILT_IN:
            return (.connection, false)
        default:
            // connect refused/reset, nothing received, a short body, HTTP/2 stream errors...
            return (.connection, true)
        }
    }

    /// Words for a failed transfer, with libcurl's own text in parentheses.
    func describe(kind: FetchError.Kind, outcome: TransferOutcome) -> String {
        let p = request.policy
        let curl = outcome.curlMessage.trimmingSpaces
        let summary: String
        switch kind {
        case .privateNetwork:
            return "refused to connect to \(outcome.blockedAddress ?? "a private address"): a private, loopback or link-local address (deny_private_networks is on)"
        case .tooLarge: return "the response is larger than the cap of \(p.maxBytes) bytes (max_bytes); transfer aborted"
        case .protocolNotAllowed:
            if let location = outcome.headers["location"], location.lowercased().hasPrefix("http:"),
               request.url.lowercased().hasPrefix("https:") {
                return "refused a redirect from https down to cleartext http (\(redactor.redact(location)))"
            }
            summary = "only http and https are allowed (also on redirects)"
        case .tooManyRedirects: summary = "more than \(p.maxRedirects) redirects (a redirect loop?)"
        case .timeout: summary = "timed out (connect \(Self.seconds(p.connectTimeout)), total \(Self.seconds(p.totalTimeout)), or slower than \(p.lowSpeedBytes) bytes/s for \(p.lowSpeedSeconds) s)"
        case .dns: summary = "the host name could not be resolved"
        case .tls: summary = "TLS failed (certificate or handshake)"
        case .decode: summary = "the compressed body could not be decoded"
        case .connection: summary = "the connection failed"
        case .httpStatus, .rateLimited: summary = "HTTP \(outcome.status)"
        }
        return curl.isEmpty ? summary : "\(summary): \(curl)"
    }
}
