import Foundation

/// Byte searches in a String's UTF-8 that run at memory speed. `String.utf8.contains` walks
/// the view one index at a time (about ten instructions a byte); a native String's UTF-8 is
/// contiguous, so `memchr` scans it many bytes at a time. On the 100 MB benchmark feed the
/// line-feed checks of one-line fields cost 5% of all instructions before this (callgrind).
enum StringBytes {
    /// Whether `byte` occurs in the UTF-8 of `s`.
    @inline(__always) static func contains(_ s: String, _ byte: UInt8) -> Bool {
        if let found = s.utf8.withContiguousStorageIfAvailable({ b -> Bool in
            guard let base = b.baseAddress, b.count > 0 else { return false }
            return memchr(base, Int32(byte), b.count) != nil
        }) {
            return found
        }
        return s.utf8.contains(byte)
    }

    /// Whether any of the ASCII bytes in `set` occurs in the UTF-8 of `s` (one pass).
    static func containsAny(_ s: String, _ set: (UInt8, UInt8, UInt8)) -> Bool {
        let scan = { (b: UnsafeBufferPointer<UInt8>) -> Bool in
            for c in b where c == set.0 || c == set.1 || c == set.2 { return true }
            return false
        }
        if let found = s.utf8.withContiguousStorageIfAvailable(scan) { return found }
        var copy = s
        return copy.withUTF8(scan)
    }
}
