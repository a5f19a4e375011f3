/// A parsed JSON document: the original bytes plus a tape of nodes made by ``JSONReader``.
/// Read it through ``root``; values are decoded lazily, so reading ten members of a
/// forty-member object costs ten small decodes.
public final class JSONDocument: Sendable {
    let bytes: [UInt8]
    let nodes: [JSONNode]

    init(bytes: [UInt8], nodes: [JSONNode]) {
        self.bytes = bytes
        self.nodes = nodes
    }

    /// The top-level value.
    public var root: JSONValue { JSONValue(document: self, index: 0) }

    /// The index of the node after `index` and its subtree.
    @inline(__always) func next(after index: Int) -> Int {
        let node = nodes[index]
        return node.kind == .array || node.kind == .object ? Int(node.end) : index + 1
    }

    /// The path of a node, for error messages: `feed[3].post.record.text`, `[0].account`.
    func path(of index: Int) -> String {
        var parts: [String] = []
        var current = index
        while true {
            let parent = nodes[current].parent
            if parent == JSONNode.noParent { break }
            let p = Int(parent)
            if nodes[p].kind == .object {
                // Members are key, value pairs: the value's key is the node just before it.
                parts.append("." + decodeString(current - 1))
            } else {
                var position = 0
                var child = p + 1
                while child < current {
                    child = next(after: child)
                    position += 1
                }
                parts.append("[\(position)]")
            }
            current = p
        }
        var text = parts.reversed().joined()
        if text.hasPrefix(".") { text.removeFirst() }
        return text
    }

    /// True when the string node's raw bytes equal `key` (keys with escapes are decoded first).
    @inline(__always) func stringEquals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let node = nodes[index]
        if node.flag != 0 { return Array(decodeString(index).utf8).elementsEqual(key) }
        let length = Int(node.end - node.start)
        guard length == key.count else { return false }
        return bytes.withUnsafeBufferPointer { all in
            guard let a = all.baseAddress, let b = key.baseAddress else { return length == 0 }
            let a0 = a + Int(node.start)
            for i in 0..<length where a0[i] != b[i] { return false }
            return true
        }
    }

    /// The text of a string node, escapes resolved; invalid UTF-8 becomes U+FFFD.
    func decodeString(_ index: Int) -> String {
        let node = nodes[index]
        let start = Int(node.start)
        let end = Int(node.end)
        return bytes.withUnsafeBufferPointer { all in
            let raw = UnsafeBufferPointer(rebasing: all[start..<end])
            if node.flag == 0 { return String(decoding: raw, as: UTF8.self) }
            // Unescaped text is never longer than its escaped form: written straight into the String.
            return String(unsafeUninitializedCapacity: raw.count) { Self.unescape(raw, into: $0.baseAddress!) }
        }
    }

    /// Calls `body` with the UTF-8 bytes of a string node, escapes resolved: the document's own
    /// bytes when the string has no escapes (no copy), else a temporary buffer.
    func withStringBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let node = nodes[index]
        let start = Int(node.start)
        let end = Int(node.end)
        return bytes.withUnsafeBufferPointer { all in
            let raw = UnsafeBufferPointer(rebasing: all[start..<end])
            if node.flag == 0 { return body(raw) }
            return Self.unescape(raw).withUnsafeBufferPointer(body)
        }
    }

    /// Resolves backslash escapes (already validated by the reader); lone surrogates become U+FFFD.
    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: raw.count) { buffer, count in
            count = unescape(raw, into: buffer.baseAddress!)
        }
    }

    /// The same into `out`, which holds at least `raw.count` bytes (escapes only shrink);
    /// returns the bytes written. Runs without escapes are copied in bulk.
    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let src = raw.baseAddress else { return 0 }
        var written = 0
        func put(_ byte: UInt8) {
            out[written] = byte
            written += 1
        }
        var i = 0
        var run = 0
        while i < raw.count {
            // Eight bytes at a time to the next backslash.
            if i + 8 <= raw.count {
                let x = UInt64(littleEndian: UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)) ^ 0x5C5C_5C5C_5C5C_5C5C
                let mask = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
                if mask == 0 {
                    i += 8
                    continue
                }
                i += mask.trailingZeroBitCount >> 3
            }
            guard raw[i] == UInt8(ascii: "\\"), i + 1 < raw.count else {
                i += 1
                continue
            }
            if run < i {
                (out + written).update(from: src + run, count: i - run)
                written += i - run
            }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): put(0x08)
            case UInt8(ascii: "f"): put(0x0C)
            case UInt8(ascii: "n"): put(0x0A)
            case UInt8(ascii: "r"): put(0x0D)
            case UInt8(ascii: "t"): put(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(raw, i) ?? 0xFFFD
                i += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    if i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u"),
                        let low = hex4(raw, i + 2), (0xDC00..<0xE000).contains(low)
                    {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(scalar) {
                    scalar = 0xFFFD
                }
                if let encoded = UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") {
                    for byte in encoded { put(byte) }
                }
            default: put(e)  // \" \\ \/
            }
            run = i
        }
        if run < raw.count {
            (out + written).update(from: src + run, count: raw.count - run)
            written += raw.count - run
        }
        return written
    }

    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
        guard at + 4 <= raw.count else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            guard let digit = JSONReader.hexValue(raw[at + k]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }
}
