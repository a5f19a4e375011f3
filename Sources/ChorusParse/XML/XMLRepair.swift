/// Rewrites an ill-formed XML document into a well-formed one the way a forgiving reader
/// understands it, for the second pass of a document libxml2 gave up on (its recover mode
/// stops at a bare `<`, and loses the rest after a mismatched end tag or a cut):
/// - a `<` that starts no tag becomes `&lt;`; an `&` that starts no reference becomes `&amp;`;
/// - an end tag closes the open elements above its match (an unclosed `<b>` inside a
///   description ends with it); an end tag that matches nothing is dropped;
/// - at the end, a tag cut short is dropped and every open element is closed (a truncated
///   last entry keeps what it has).
/// CDATA sections, comments, processing instructions and the DOCTYPE are copied as they are.
/// ``damagedEntries`` counts the entries (`item`, `entry`) in which something was repaired.
struct XMLRepair {
    private(set) var output: [UInt8] = []
    private(set) var repairs = 0
    /// Entries (any element named `item` or `entry`) in which something was repaired.
    private(set) var damagedEntries = 0
    /// True when the document ended with elements open (it was cut short, or never closed them).
    private(set) var truncated = false
    private var stack: [ArraySlice<UInt8>] = []
    /// Depth in `stack` of the innermost open entry, and whether it was repaired.
    private var entryDepth: Int?
    private var entryDamaged = false

    init(_ b: [UInt8]) {
        output.reserveCapacity(b.count + 64)
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "&") {
                if Self.referenceEnd(b, i) == nil { repaired(); output.append(contentsOf: "&amp;".utf8) } else { output.append(c) }
                i += 1
            } else if c == UInt8(ascii: "<") {
                i = markup(b, i)
            } else {
                output.append(c)
                i += 1
            }
        }
        if !stack.isEmpty {
            truncated = true
            if entryDepth != nil { entryDamaged = true }
            while !stack.isEmpty { close() }
        }
    }

    private mutating func repaired() {
        repairs += 1
        if entryDepth != nil { entryDamaged = true }
    }

    /// Handles the `<` at `i`; returns where scanning goes on.
    private mutating func markup(_ b: [UInt8], _ i: Int) -> Int {
        let n = b.count
        func starts(_ s: StaticString) -> Bool { Self.matches(b, at: i, s) }
        if starts("<![CDATA[") { return copy(b, from: i, through: "]]>") }
        if starts("<!--") { return copy(b, from: i, through: "-->") }
        if starts("<?") { return copy(b, from: i, through: "?>") }
        if starts("<!") { return copy(b, from: i, through: ">") }
        let closing = i + 1 < n && b[i + 1] == UInt8(ascii: "/")
        let nameStart = closing ? i + 2 : i + 1
        var j = nameStart
        while j < n, Self.isNameByte(b[j]) { j += 1 }
        guard j > nameStart, Self.isNameStart(b[nameStart]) else {
            // Not a tag: text.
            repaired()
            output.append(contentsOf: "&lt;".utf8)
            return i + 1
        }
        let name = b[nameStart..<j]
        // The tag's end, outside quoted attribute values.
        var quote: UInt8 = 0
        var k = j
        while k < n {
            let c = b[k]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                break
            } else if c == UInt8(ascii: "<") {
                break
            }
            k += 1
        }
        guard k < n, b[k] == UInt8(ascii: ">") else {
            if k >= n { return n }  // a tag cut short at the end: dropped (the closing below marks the cut)
            // A tag that runs into the next `<`: its `<` was text.
            repaired()
            output.append(contentsOf: "&lt;".utf8)
            return i + 1
        }
        if closing {
            guard let match = stack.lastIndex(where: { $0 == name }) else {
                repaired()
                return k + 1
            }
            if match != stack.count - 1 { repaired() }
            while stack.count > match { close() }
            return k + 1
        }
        output.append(contentsOf: b[i...k])
        if b[k - 1] != UInt8(ascii: "/") {
            stack.append(name)
            if Self.isEntry(name), entryDepth == nil {
                entryDepth = stack.count
                entryDamaged = false
            }
        }
        return k + 1
    }

    /// Writes the end tag of the innermost open element.
    private mutating func close() {
        guard let name = stack.popLast() else { return }
        output.append(contentsOf: "</".utf8)
        output.append(contentsOf: name)
        output.append(UInt8(ascii: ">"))
        if let depth = entryDepth, stack.count < depth {
            if entryDamaged { damagedEntries += 1 }
            entryDepth = nil
            entryDamaged = false
        }
    }

    /// Copies from `i` through the first `end` after it (or to the end of the document).
    private mutating func copy(_ b: [UInt8], from i: Int, through end: StaticString) -> Int {
        let count = end.utf8CodeUnitCount
        var k = i + 2
        while k + count <= b.count {
            if Self.matches(b, at: k, end) {
                output.append(contentsOf: b[i..<(k + count)])
                return k + count
            }
            k += 1
        }
        // Never closed: the rest of the document is dropped (a cut inside a comment or CDATA).
        repaired()
        return b.count
    }

    /// True when the bytes at `i` are `s`.
    private static func matches(_ b: [UInt8], at i: Int, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let p = s.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        return true
    }

    /// The index after `;` of a reference (`&name;`, `&#NN;`, `&#xHH;`) at `i`, or nil.
    static func referenceEnd(_ b: [UInt8], _ i: Int) -> Int? {
        var k = i + 1
        let limit = min(b.count, i + 40)
        if k < limit, b[k] == UInt8(ascii: "#") {
            k += 1
            let hex = k < limit && (b[k] | 0x20) == UInt8(ascii: "x")
            if hex { k += 1 }
            let start = k
            while k < limit, hex ? isHex(b[k]) : (b[k] >= 48 && b[k] <= 57) { k += 1 }
            return k > start && k < limit && b[k] == UInt8(ascii: ";") ? k + 1 : nil
        }
        guard k < limit, isNameStart(b[k]) else { return nil }
        while k < limit, isNameByte(b[k]) { k += 1 }
        return k < limit && b[k] == UInt8(ascii: ";") ? k + 1 : nil
    }

    private static func isEntry(_ name: ArraySlice<UInt8>) -> Bool {
        let local = name.lastIndex(of: UInt8(ascii: ":")).map { name[($0 + 1)...] } ?? name
        return local.elementsEqual("item".utf8) || local.elementsEqual("entry".utf8)
    }

    private static func isHex(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102) }

    static func isNameStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") || c >= 0x80
    }

    static func isNameByte(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }
}
