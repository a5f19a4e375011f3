import CZlib

/// A `z_stream` at a stable heap address. zlib keeps a back-pointer from its internal state to
/// the stream it was initialised with (`strm->state->strm`) and checks it on every call, so the
/// stream must never move: a Swift `var` passed as `&stream` is only guaranteed a stable address
/// for the duration of one call. Like swift-log's `Locks.swift` does for `pthread_mutex_t`, the
/// struct is allocated once here and freed in `deinit`, after zlib's own end call.
final class ZStream {
    /// The stream; valid from `init` until `deinit`.
    let pointer: UnsafeMutablePointer<z_stream>
    private var end: ((UnsafeMutablePointer<z_stream>) -> Void)?

    /// An initialised deflate stream with a gzip wrapper (windowBits 15 + 16).
    static func deflater(level: Int32) throws(OutputError) -> ZStream {
        let z = ZStream()
        let rc = deflateInit2_(z.pointer, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw OutputError("output: gzip: deflateInit2 failed (\(rc))") }
        z.end = { _ = deflateEnd($0) }
        return z
    }

    /// An initialised inflate stream that accepts gzip and zlib headers (windowBits 15 + 32).
    static func inflater() throws(OutputError) -> ZStream {
        let z = ZStream()
        let rc = inflateInit2_(z.pointer, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw OutputError("output: gzip: inflateInit2 failed (\(rc))") }
        z.end = { _ = inflateEnd($0) }
        return z
    }

    private init() {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: z_stream())
    }

    deinit {
        end?(pointer)
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
