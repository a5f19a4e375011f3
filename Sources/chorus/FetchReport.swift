import ChorusFetch
import ChorusOutput

/// The JSON object `chorus fetch` prints for one URL (key order is part of its contract).
struct FetchReport: Sendable {
    var url: String
    var response: FetchResponse?
    var error: FetchError?

    /// The object followed by a newline.
    func jsonLine() -> [UInt8] {
        var w = JSONWriter(capacity: 512)
        w.raw(UInt8(ascii: "{"))
        w.key("url", first: true)
        w.string(url)
        w.key("final_url")
        w.string(response?.finalURL)
        w.key("status")
        w.int((response?.status ?? error?.status).map(Int64.init))
        w.key("not_modified")
        w.bool(response?.notModified ?? false)
        w.key("bytes")
        w.int(Int64(response?.body.count ?? 0))
        w.key("content_type")
        w.string(response?.contentType)
        w.key("etag")
        w.string(response?.etag)
        w.key("last_modified")
        w.string(response?.lastModified)
        w.key("retries")
        w.int(Int64(response?.retries ?? error?.retries ?? 0))
        w.key("timings")
        if let t = response?.timings {
            w.raw(UInt8(ascii: "{"))
            w.key("dns", first: true)
            w.fixed(t.dns, places: 6)
            w.key("connect")
            w.fixed(t.connect, places: 6)
            w.key("tls")
            w.fixed(t.tls, places: 6)
            w.key("first_byte")
            w.fixed(t.firstByte, places: 6)
            w.key("total")
            w.fixed(t.total, places: 6)
            w.raw(UInt8(ascii: "}"))
        } else {
            w.null()
        }
        w.key("error")
        if let error {
            w.raw(UInt8(ascii: "{"))
            w.key("kind", first: true)
            w.string(error.kind.rawValue)
            w.key("message")
            w.string(error.message)
            w.raw(UInt8(ascii: "}"))
        } else {
            w.null()
        }
        w.key("permanent_redirect")
        w.string(response?.permanentRedirect)
        w.key("bytes_on_wire")
        w.int(Int64(response?.bytesOnWire ?? 0))
        w.raw(UInt8(ascii: "}"))
        w.raw(UInt8(ascii: "\n"))
        return w.bytes
    }
}
