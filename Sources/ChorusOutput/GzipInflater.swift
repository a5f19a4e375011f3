import CZlib

/// Inflates gzip (or zlib) data piece by piece, so a reader of `.ndjson.gz` files holds one
/// chunk at a time rather than the whole file. Accepts several concatenated gzip members (what
/// appending to a `.gz` file gives). Owns its `z_stream` (heap-allocated in `ZStream`, so zlib's
/// back-pointer stays valid; freed with it); used by one reader on one thread.
public final class GzipInflater {
    private let zstream: ZStream
    private var stream: UnsafeMutablePointer<z_stream> { zstream.pointer }
    private var out: [UInt8]
    /// True between a member's end and the first byte of the next one (and before any input).
    private var atMemberEnd = true
    private var started = false
    /// Names the input in error messages.
    private let name: String

    /// `name` is the file (or stream) named in error messages; `chunk` the output piece size.
    public init(name: String, chunk: Int = 256 * 1024) throws(OutputError) {
        self.name = name
        out = [UInt8](repeating: 0, count: max(chunk, 1024))
        zstream = try ZStream.inflater()
    }

    /// Inflates `input`, handing each produced piece to `sink` (valid only during the call).
    public func inflate(_ input: UnsafeBufferPointer<UInt8>, sink: (UnsafeBufferPointer<UInt8>) -> Void) throws(OutputError) {
        guard let base = input.baseAddress, !input.isEmpty else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base)
        stream.pointee.avail_in = UInt32(input.count)
        defer { stream.pointee.next_in = nil; stream.pointee.avail_in = 0 }
        while stream.pointee.avail_in > 0 {
            if atMemberEnd {
                // The first member, or another one after the one that ended.
                if started, inflateReset(stream) != Z_OK { throw OutputError("output: gzip: \(name): inflateReset failed") }
                atMemberEnd = false
                started = true
            }
            var produced = 0
            let rc: Int32 = out.withUnsafeMutableBufferPointer { outBuf in
                stream.pointee.next_out = outBuf.baseAddress
                stream.pointee.avail_out = UInt32(outBuf.count)
                let rc = CZlib.inflate(stream, Z_NO_FLUSH)
                produced = outBuf.count - Int(stream.pointee.avail_out)
                return rc
            }
            if produced > 0 {
                out.withUnsafeBufferPointer { sink(UnsafeBufferPointer(rebasing: $0[0..<produced])) }
            }
            switch rc {
            case Z_STREAM_END: atMemberEnd = true
            case Z_OK: continue
            case Z_BUF_ERROR where produced == 0 && stream.pointee.avail_in == 0: return
            default: throw OutputError("output: gzip: \(name): the data is corrupt (zlib \(rc))")
            }
        }
    }

    /// Throws when the input stopped inside a gzip member (a truncated file).
    public func finish() throws(OutputError) {
        guard atMemberEnd else { throw OutputError("output: gzip: \(name): the data is truncated") }
    }
}
