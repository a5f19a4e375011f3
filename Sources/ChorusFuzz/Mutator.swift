import Foundation

/// Files under the given paths (folders walked), sorted, so runs are reproducible.
enum Corpus {
    static func files(_ paths: [String]) -> [String] {
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if !isDir.boolValue { out.append(path); continue }
            let walker = FileManager.default.enumerator(atPath: path)
            while let name = walker?.nextObject() as? String {
                let full = (path as NSString).appendingPathComponent(name)
                var sub: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { out.append(full) }
            }
        }
        return out.sorted()
    }
}

/// Deterministic structure-unaware mutations (SplitMix64): the fallback when libFuzzer cannot
/// be used. Flips, deletes, duplicates and splices bytes, truncates, and inserts tokens that
/// matter to the formats (`<`, `&`, quotes, `1e999`, deep nesting, invalid UTF-8).
struct Mutator {
    private var state: UInt64
    private let corpus: [[UInt8]]
    static let tokens: [[UInt8]] = [
        "<", "&", "\"", "'", "]]>", "<![CDATA[", "&#x0;", "&amp;", "1e999", "18446744073709551616", "-0", "null", "{", "[",
        String(repeating: "[", count: 600), "\u{FEFF}", "<category>c</category>", "=\"", "%3D", "${X}", "\r\n", "\0",
    ].map { Array($0.utf8) } + [[0xFF, 0xFE], [0xC0, 0x80], [0xED, 0xA0, 0x80]]

    init(seed: UInt64, corpus: [[UInt8]]) {
        state = seed
        self.corpus = corpus
    }

    mutating func random(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
    }

    mutating func next() -> [UInt8] {
        var b = corpus[random(corpus.count)]
        for _ in 0...random(4) {
            let at = random(b.count + 1)
            switch random(6) {
            case 0 where !b.isEmpty: b[min(at, b.count - 1)] ^= UInt8(1 << random(8))
            case 1 where !b.isEmpty: b.removeSubrange(at..<min(b.count, at + random(16) + 1))
            case 2: b.insert(contentsOf: Self.tokens[random(Self.tokens.count)], at: at)
            case 3: b = Array(b.prefix(at))
            case 4:
                let other = corpus[random(corpus.count)]
                let from = random(other.count + 1)
                b.insert(contentsOf: other[from..<min(other.count, from + random(256))], at: at)
            default:
                let from = random(b.count + 1)
                b.insert(contentsOf: b[from..<min(b.count, from + random(64))], at: at)
            }
        }
        return b
    }
}
