import CZlib

/// Streams bytes through zlib's deflate with a gzip wrapper (RFC 1952). Owns its `z_stream`
/// (heap-allocated in `ZStream`, freed with it); used by one writer on one thread.
final class GzipCompressor {
    private let zstream: ZStream
    private var out = [UInt8](repeating: 0, count: 64 * 1024)

    /// `level` is zlib's 0...9 (6 is zlib's default balance).
    init(level: Int32 = 6) throws(OutputError) {
        // windowBits 15 + 16 asks deflate for a gzip header and trailer instead of zlib's.
        zstream = try ZStream.deflater(level: level)
    }

    /// Compresses `input`, handing every produced chunk to `sink`.
    func compress(_ input: [UInt8], sink: ([UInt8]) throws(OutputError) -> Void) throws(OutputError) {
        try run(input, flush: Z_NO_FLUSH, sink: sink)
    }

    /// Flushes the rest and writes the gzip trailer.
    func finish(sink: ([UInt8]) throws(OutputError) -> Void) throws(OutputError) {
        try run([], flush: Z_FINISH, sink: sink)
    }

    private func run(_ input: [UInt8], flush: Int32, sink: ([UInt8]) throws(OutputError) -> Void) throws(OutputError) {
        let stream = zstream.pointer
        var input = input
        let count = input.count
        try input.withUnsafeMutableBufferPointer { (inBuf: inout UnsafeMutableBufferPointer<UInt8>) throws(OutputError) in
            stream.pointee.next_in = inBuf.baseAddress
            stream.pointee.avail_in = UInt32(count)
            while true {
                let (rc, produced) = out.withUnsafeMutableBufferPointer { outBuf in
                    stream.pointee.next_out = outBuf.baseAddress
                    stream.pointee.avail_out = UInt32(outBuf.count)
                    let rc = deflate(stream, flush)
                    return (rc, outBuf.count - Int(stream.pointee.avail_out))
                }
                guard rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR else {
                    throw OutputError("output: gzip: deflate failed (\(rc))")
                }
                if produced > 0 { try sink(Array(out[0..<produced])) }
                if flush == Z_FINISH {
                    if rc == Z_STREAM_END { break }
                } else if stream.pointee.avail_in == 0 && produced < out.count {
                    break
                }
            }
            stream.pointee.next_in = nil
        }
    }
}
