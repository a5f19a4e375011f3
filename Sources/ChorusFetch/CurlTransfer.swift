import CCurlShim
import Glibc

/// One libcurl easy handle performing one attempt of a ``FetchRequest``. Created, driven and
/// destroyed on the ``CurlMulti`` loop thread only (never shared). libcurl's callbacks reach
/// it through an unretained `Unmanaged` pointer: the loop's table of active transfers keeps
/// it alive from `curl_multi_add_handle` until after `curl_multi_remove_handle`.
final class CurlTransfer {
    let id: UInt64
    let easy: UnsafeMutableRawPointer
    let request: FetchRequest
    let completion: @Sendable (TransferOutcome) -> Void
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var outcome = TransferOutcome()
    private var inInterimResponse = false

    /// Configures `easy` (fresh or reset, owned by the caller's ``CurlEasyPool``) for `request`;
    /// throws the libcurl code of a refused option.
    init(id: UInt64, easy: UnsafeMutableRawPointer, request: FetchRequest, completion: @escaping @Sendable (TransferOutcome) -> Void) throws(CurlSetupError) {
        self.id = id
        self.easy = easy
        self.request = request
        self.completion = completion
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        try configure()
    }

    deinit {
        chorus_curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    // MARK: Options, all in one place

    private func configure() throws(CurlSetupError) {
        let p = request.policy
        func check(_ code: CURLcode, _ name: String) throws(CurlSetupError) {
            if code != CURLE_OK { throw CurlSetupError(code: code.rawValue, option: name) }
        }
        func long(_ option: CURLoption, _ value: Int, _ name: String) throws(CurlSetupError) {
            try check(chorus_easy_setopt_long(easy, option, value), name)
        }
        func string(_ option: CURLoption, _ value: String, _ name: String) throws(CurlSetupError) {
            try check(value.withCString { chorus_easy_setopt_string(easy, option, $0) }, name)
        }
        try string(CURLOPT_URL, request.url, "URL")
        let secure = request.url.utf8.prefix(6).map { $0 | 0x20 }.elementsEqual("https:".utf8)
        // Only http and https, on the first request and on every redirect; and no redirect from
        // https down to cleartext http.
        try string(CURLOPT_PROTOCOLS_STR, "http,https", "PROTOCOLS_STR")
        try string(CURLOPT_REDIR_PROTOCOLS_STR, secure ? "https" : "http,https", "REDIR_PROTOCOLS_STR")
        try long(CURLOPT_NOSIGNAL, 1, "NOSIGNAL")
        try long(CURLOPT_FOLLOWLOCATION, 1, "FOLLOWLOCATION")
        try long(CURLOPT_MAXREDIRS, max(0, p.maxRedirects), "MAXREDIRS")
        try string(CURLOPT_ACCEPT_ENCODING, "", "ACCEPT_ENCODING") // every decoder libcurl has
        try string(CURLOPT_USERAGENT, p.userAgent, "USERAGENT")
        try long(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(p.connectTimeout), "CONNECTTIMEOUT_MS")
        try long(CURLOPT_TIMEOUT_MS, Self.milliseconds(p.totalTimeout), "TIMEOUT_MS")
        try long(CURLOPT_LOW_SPEED_LIMIT, max(0, p.lowSpeedBytes), "LOW_SPEED_LIMIT")
        try long(CURLOPT_LOW_SPEED_TIME, max(0, p.lowSpeedSeconds), "LOW_SPEED_TIME")
        try check(chorus_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(max(0, p.maxBytes))), "MAXFILESIZE_LARGE")
        try long(CURLOPT_SSL_VERIFYPEER, 1, "SSL_VERIFYPEER")
        try long(CURLOPT_SSL_VERIFYHOST, 2, "SSL_VERIFYHOST")
        if let ca = p.caBundle { try string(CURLOPT_CAINFO, ca, "CAINFO") }
        if let proxy = p.proxy { try string(CURLOPT_PROXY, proxy, "PROXY") }
        try long(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1, "SUPPRESS_CONNECT_HEADERS")
        try long(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS), "HTTP_VERSION")
        // Over TLS, wait for a pending connection's ALPN answer so HTTP/2 requests share it. Not
        // for cleartext: there curl would hold every request to the host until the first one is
        // answered, serialising a slow host (HTTP/2 is only negotiated over TLS here anyway).
        try long(CURLOPT_PIPEWAIT, secure ? 1 : 0, "PIPEWAIT")
        try long(CURLOPT_TCP_KEEPALIVE, 1, "TCP_KEEPALIVE")
        try check(chorus_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")

        var list: UnsafeMutablePointer<curl_slist>?
        func add(_ line: String) { list = chorus_curl_slist_append(list, line) }
        if let etag = request.etag, !etag.isEmpty { add("If-None-Match: \(etag)") }
        if let date = request.lastModified, !date.isEmpty { add("If-Modified-Since: \(date)") }
        for header in request.headers where !header.name.isEmpty {
            // "Name;" is libcurl's way to send a header with an empty value.
            add(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        headerList = list
        if let list { try check(chorus_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list), "HTTPHEADER") }
        if let body = request.body {
            // POST: libcurl copies the bytes now (COPYPOSTFIELDS), so nothing here must outlive the call.
            try long(CURLOPT_POSTFIELDSIZE, body.count, "POSTFIELDSIZE")
            let bytes = body + [0] // never an empty buffer without an address
            let code = bytes.withUnsafeBytes { chorus_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
            try check(code, "COPYPOSTFIELDS")
        }

        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(chorus_easy_set_write_function(easy, { data, size, count, user in
            guard let data, let user else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue().receiveBody(data, size * count)
        }, me), "WRITEFUNCTION")
        try check(chorus_easy_set_header_function(easy, { data, size, count, user in
            guard let data, let user else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue().receiveHeader(data, size * count)
        }, me), "HEADERFUNCTION")
        if p.denyPrivateNetworks {
            try check(chorus_easy_set_opensocket_function(easy, { user, _, address in
                guard let user, let address else { return chorus_curl_socket_bad() }
                return Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue().openSocket(address)
            }, me), "OPENSOCKETFUNCTION")
        }
        if p.denyPrivateNetworks || guardsOrigin {
            // Runs before every request, redirects and reused connections included.
            try check(chorus_easy_set_prereq_function(easy, { user, primaryIP, _, _, _ in
                guard let user, let primaryIP else { return Int32(CURL_PREREQFUNC_ABORT) }
                return Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue().beforeRequest(String(cString: primaryIP))
            }, me), "PREREQFUNCTION")
        }
    }

    /// Extra headers (API keys, tokens) go only to the origin they were configured for: a
    /// redirect elsewhere is stopped before its request and followed by ``CurlFetcher`` without
    /// them. (libcurl itself strips only Authorization and Cookie on a change of host.)
    private var guardsOrigin: Bool { !request.headers.isEmpty }

    /// A timeout in whole milliseconds for libcurl, never trapping: 0 or less is 0 (libcurl's
    /// "no limit" / default), at most 365 days, and a NaN or infinite value becomes the maximum.
    static func milliseconds(_ seconds: Double) -> Int {
        let maxMillis = 365.0 * 86_400 * 1000
        guard seconds.isFinite else { return Int(maxMillis) }
        return Int(min(max(seconds * 1000, 0), maxMillis))
    }

    // MARK: Callbacks (loop thread)

    /// Appends decoded body bytes, or stops the transfer when they would pass the cap.
    private func receiveBody(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        if outcome.body.count + count > request.policy.maxBytes {
            outcome.exceededCap = true
            return 0 // anything but `count` makes libcurl fail with CURLE_WRITE_ERROR
        }
        data.withMemoryRebound(to: UInt8.self, capacity: count) {
            outcome.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: count))
        }
        return count
    }

    /// Records each response's status line (one per redirect hop) and the last one's headers.
    /// Works on the raw bytes: this runs for every header line of every transfer.
    private func receiveHeader(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        let bytes = UnsafeRawBufferPointer(start: data, count: count).bindMemory(to: UInt8.self)
        var end = count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20 { end -= 1 }
        if end >= 5, bytes[0] == 0x48, bytes[1] == 0x54, bytes[2] == 0x54, bytes[3] == 0x50, bytes[4] == 0x2F { // "HTTP/"
            let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
            let parts = line.split(separator: " ", maxSplits: 2)
            let status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            inInterimResponse = (100..<200).contains(status)
            guard !inInterimResponse else { return count }
            var url: UnsafePointer<CChar>?
            _ = chorus_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &url)
            outcome.hops.append(.init(url: url.map { String(cString: $0) } ?? request.url, status: status))
            outcome.status = status
            outcome.reason = parts.count > 2 ? String(parts[2]) : ""
            outcome.headers = [:]
            outcome.body.removeAll(keepingCapacity: true)
            return count
        }
        guard !inInterimResponse, end > 0, let colon = bytes[0..<end].firstIndex(of: 0x3A) else { return count }
        var nameBytes = [UInt8](UnsafeBufferPointer(rebasing: bytes[0..<colon]))
        for i in nameBytes.indices where nameBytes[i] >= 0x41 && nameBytes[i] <= 0x5A { nameBytes[i] |= 0x20 }
        var valueStart = colon + 1
        while valueStart < end, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
        let name = String(decoding: nameBytes, as: UTF8.self)
        let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<end]), as: UTF8.self)
        if let old = outcome.headers[name] {
            outcome.headers[name] = old + ", " + value
        } else {
            outcome.headers[name] = value
        }
        return count
    }

    /// Creates the socket for a resolved address, unless the address is private.
    private func openSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let a = address.pointee
        // `addr` is the start of a buffer sized for the family (sockaddr_in6 included): address it
        // in place rather than copying the 16-byte `struct sockaddr`.
        let offset = MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr) ?? 16
        let sa = UnsafeRawPointer(address).advanced(by: offset).assumingMemoryBound(to: sockaddr.self)
        let text = Self.numericHost(sa, family: a.family)
        if let text, PrivateNetworkGuard.isBlocked(address: text) {
            outcome.blockedAddress = text
            return chorus_curl_socket_bad()
        }
        if text == nil {
            outcome.blockedAddress = "an address of family \(a.family)"
            return chorus_curl_socket_bad()
        }
        return socket(a.family, a.socktype | Int32(SOCK_CLOEXEC.rawValue), a.protocol)
    }

    /// The private-network guard on the connected address, then the origin guard on the URL.
    private func beforeRequest(_ ip: String) -> Int32 {
        if request.policy.denyPrivateNetworks, PrivateNetworkGuard.isBlocked(address: ip) {
            outcome.blockedAddress = ip
            return Int32(CURL_PREREQFUNC_ABORT)
        }
        if guardsOrigin, !outcome.hops.isEmpty { // a response came before: this request follows a redirect
            var url: UnsafePointer<CChar>?
            guard chorus_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &url) == CURLE_OK, let url else {
                return Int32(CURL_PREREQFUNC_ABORT)
            }
            let current = String(cString: url)
            if current != request.url, !Origin.same(current, request.url) {
                outcome.crossOriginRedirect = current
                return Int32(CURL_PREREQFUNC_ABORT)
            }
        }
        return Int32(CURL_PREREQFUNC_OK)
    }

    /// The numeric form of an IPv4/IPv6 socket address.
    static func numericHost(_ sa: UnsafePointer<sockaddr>, family: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let ok: Bool
        switch family {
        case AF_INET:
            ok = sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                var addr = sin.pointee.sin_addr
                return inet_ntop(AF_INET, &addr, &buffer, socklen_t(buffer.count)) != nil
            }
        case AF_INET6:
            ok = sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
                var addr = sin6.pointee.sin6_addr
                return inet_ntop(AF_INET6, &addr, &buffer, socklen_t(buffer.count)) != nil
            }
        default:
            ok = false
        }
        return ok ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
    }

    // MARK: Completion

    /// Reads the transfer's info after libcurl finished it with `code`.
    func finish(code: CURLcode) -> TransferOutcome {
        var result = outcome
        result.code = Int(code.rawValue)
        if code != CURLE_OK {
            let detail = String(cString: errorBuffer)
            result.curlMessage = detail.isEmpty ? String(cString: chorus_curl_easy_strerror(code)) : detail
            result.body = [] // never hand on a partial body
        }
        var url: UnsafePointer<CChar>?
        if chorus_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &url) == CURLE_OK, let url {
            result.effectiveURL = String(cString: url)
        } else {
            result.effectiveURL = request.url
        }
        var status = 0
        if chorus_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK, status != 0 { result.status = status }
        func seconds(_ info: CURLINFO) -> Double {
            var micros: curl_off_t = 0
            return chorus_easy_getinfo_off(easy, info, &micros) == CURLE_OK ? Double(micros) / 1_000_000 : 0
        }
        result.timings = FetchTimings(
            dns: seconds(CURLINFO_NAMELOOKUP_TIME_T), connect: seconds(CURLINFO_CONNECT_TIME_T),
            tls: seconds(CURLINFO_APPCONNECT_TIME_T), firstByte: seconds(CURLINFO_STARTTRANSFER_TIME_T),
            total: seconds(CURLINFO_TOTAL_TIME_T)
        )
        var downloaded: curl_off_t = 0
        var headerBytes = 0
        _ = chorus_easy_getinfo_off(easy, CURLINFO_SIZE_DOWNLOAD_T, &downloaded)
        _ = chorus_easy_getinfo_long(easy, CURLINFO_HEADER_SIZE, &headerBytes)
        result.bytesOnWire = Int(downloaded) + headerBytes
        var version = 0
        _ = chorus_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
        result.multiplexed = version >= Int(CURL_HTTP_VERSION_2_0)
        return result
    }
}

/// libcurl refused an option while a transfer was being set up.
struct CurlSetupError: Error {
    var code: UInt32
    var option: String
}
