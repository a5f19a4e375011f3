/// Lower-case hexadecimal text of bytes, for digests in ids, file names and state.
/// `String(format: "%02x")` per byte gives the same text at a far higher cost on Linux
/// (Foundation's format parser per byte): in a warm `chorus ingest` of 1,000 feeds the feed
/// connector's per-source digest alone was 14% of the run's CPU under perf.
public enum Hex {
    @inlinable
    public static func lowercase<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let count = bytes.count
        return String(unsafeUninitializedCapacity: 2 * count) { out in
            var i = 0
            for b in bytes {
                out[i] = digit(b >> 4)
                out[i + 1] = digit(b & 0x0f)
                i += 2
            }
            return i
        }
    }

    @inlinable
    static func digit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }
}
