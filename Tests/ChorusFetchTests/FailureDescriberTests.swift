@testable import ChorusFetch
import Testing

/// libcurl results mapped to error kinds, and which of them are retried. (DNS failures cannot
/// be provoked without touching a real resolver, so their mapping is checked here.)
@Suite("Failure classification")
struct FailureDescriberTests {
    @Test("libcurl result codes map to the documented kinds", arguments: [
        (1, FetchError.Kind.protocolNotAllowed, false), // UNSUPPORTED_PROTOCOL
        (3, .connection, false), // URL_MALFORMAT
        (5, .dns, false), (6, .dns, false), // COULDNT_RESOLVE_PROXY / _HOST
        (7, .connection, true), // COULDNT_CONNECT
        (18, .connection, true), // PARTIAL_FILE
        (28, .timeout, true), // OPERATION_TIMEDOUT
        (35, .tls, false), (60, .tls, false), (77, .tls, false), // SSL_CONNECT_ERROR, PEER_FAILED_VERIFICATION, CACERT_BADFILE
        (47, .tooManyRedirects, false), (52, .connection, true), (56, .connection, true),
        (61, .decode, false), (63, .tooLarge, false),
    ])
    func curlCodes(code: Int, kind: FetchError.Kind, retryable: Bool) {
        let (mapped, retry) = FailureDescriber.classify(curlCode: code, outcome: TransferOutcome())
        #expect(mapped == kind)
        #expect(retry == retryable)
    }

    @Test("a refused private address and a blown cap win over libcurl's generic code")
    func flagsWin() {
        var blocked = TransferOutcome()
        blocked.blockedAddress = "10.0.0.1"
        #expect(FailureDescriber.classify(curlCode: 7, outcome: blocked) == (.privateNetwork, false))
        var big = TransferOutcome()
        big.exceededCap = true
        #expect(FailureDescriber.classify(curlCode: 23, outcome: big) == (.tooLarge, false))
    }

    @Test("a DNS failure reads as such, names the source and keeps libcurl's detail")
    func dnsMessage() {
        let describer = FailureDescriber(request: FetchRequest(url: "https://nowhere.invalid/feed?token=abc", label: "news"))
        var outcome = TransferOutcome()
        outcome.code = 6
        outcome.curlMessage = "Could not resolve host: nowhere.invalid"
        guard case .failure(let error, let retryable, _) = describer.judge(outcome, retries: 0, now: .init()) else {
            Issue.record("a failed transfer was judged a success")
            return
        }
        #expect(error.kind == .dns)
        #expect(!retryable)
        #expect(error.message == "fetch: news: https://nowhere.invalid/feed?token=REDACTED: the host name could not be resolved: Could not resolve host: nowhere.invalid")
    }

    @Test("a 2xx with a body is a success carrying status, headers and body; a 304 drops any body")
    func successes() {
        let describer = FailureDescriber(request: FetchRequest(url: "http://h/f"))
        var outcome = TransferOutcome()
        outcome.status = 304
        outcome.body = [1, 2, 3]
        outcome.effectiveURL = "http://h/f"
        guard case .success(let response) = describer.judge(outcome, retries: 0, now: .init()) else {
            Issue.record("a 304 was judged a failure")
            return
        }
        #expect(response.notModified)
        #expect(response.body.isEmpty)
    }

    @Test("the quick retry check agrees with the full judgement", arguments: [
        (0, 200), (0, 304), (0, 404), (0, 429), (0, 503), (0, 301), (7, 0), (28, 0), (6, 0), (47, 0), (63, 0),
    ])
    func quickCheckAgrees(code: Int, status: Int) {
        var outcome = TransferOutcome()
        outcome.code = code
        outcome.status = status
        let judged: Bool
        switch FailureDescriber(request: FetchRequest(url: "http://h/")).judge(outcome, retries: 0, now: .init()) {
        case .success: judged = false
        case .failure(_, let retryable, _): judged = retryable
        }
        #expect(FailureDescriber.isRetryable(outcome) == judged)
    }
}
