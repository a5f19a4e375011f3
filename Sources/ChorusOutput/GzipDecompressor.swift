/// Inflates a whole gzip file in memory (used to reconcile an interrupted run's `.ndjson.gz`
/// output and by tests that read gzip output back); ``GzipInflater`` does the work.
public enum GzipDecompressor {
    /// The decompressed bytes of `data` (one or more gzip members).
    public static func decompress(_ data: [UInt8]) throws(OutputError) -> [UInt8] {
        if data.isEmpty { throw OutputError("output: gzip: the data is truncated or corrupt (no data)") }
        let inflater = try GzipInflater(name: "data", chunk: 64 * 1024)
        var result: [UInt8] = []
        try data.withUnsafeBufferPointer { (input) throws(OutputError) in
            try inflater.inflate(input) { result.append(contentsOf: $0) }
        }
        try inflater.finish()
        return result
    }
}
