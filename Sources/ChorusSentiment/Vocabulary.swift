/// Every token the scorer knows (lexicon words, boosters, negators, contrast words, words of
/// phrase rules), English and Chinese, in one open-addressing hash table keyed by the token's
/// normalized UTF-8 bytes, so the hot path looks tokens up without building Strings.
struct Vocabulary: Sendable {
    /// What one known token does. Unset fields are neutral.
    struct Entry: Sendable {
        /// Lexicon valence (−4…+4), 0 when the token is not a sentiment word.
        var valence: Float = 0
        /// Booster (> 0) or dampener (< 0) scalar added to the next sentiment words.
        var booster: Float = 0
        /// Flips the next sentiment words ("not", "dont", "never", "不").
        var isNegator = false
        /// Shifts weight to the later clause ("but", "however").
        var isContrast = false
        /// An English function word (language guess).
        var isEnglishMarker = false
        /// A function word of another Latin-script language (language guess).
        var isForeignMarker = false
        /// Index into `RuleSet.phrasesByFirstToken` of the phrases starting with this token, or −1.
        var phraseList: Int32 = -1
        /// Where the valence came from, for --explain (file name).
        var source: String = ""
    }

    private(set) var entries: [Entry] = []
    private var keyArena: [UInt8] = []
    private var keyStart: [Int32] = []
    private var keyLength: [Int32] = []
    private var keyHash: [UInt32] = []
    private var slots: [Int32] = Array(repeating: -1, count: 1024)
    /// Longest key in Unicode scalars among Han keys (for forward maximum matching).
    private(set) var longestHanKey = 1

    var count: Int { entries.count }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in p { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    /// The id of the token with these bytes, or −1.
    @inline(__always)
    func lookup(_ p: UnsafeBufferPointer<UInt8>) -> Int32 {
        if p.isEmpty { return -1 }
        let h = Vocabulary.hash(p)
        let mask = slots.count - 1
        var i = Int(h) & mask
        return keyArena.withUnsafeBufferPointer { arena in
            while true {
                let id = slots[i]
                if id < 0 { return -1 }
                let e = Int(id)
                if keyHash[e] == h && Int(keyLength[e]) == p.count {
                    let start = Int(keyStart[e])
                    var same = true
                    for k in 0..<p.count where arena[start + k] != p[k] { same = false; break }
                    if same { return id }
                }
                i = (i + 1) & mask
            }
        }
    }

    /// The id of `token` (already normalized), or −1.
    func lookup(_ token: String) -> Int32 {
        var t = token
        return t.withUTF8 { lookup($0) }
    }

    /// The id of `token`, adding an empty entry when it is new.
    mutating func intern(_ token: String) -> Int32 {
        var t = token
        let found = t.withUTF8 { lookup($0) }
        if found >= 0 { return found }
        if (entries.count + 1) * 2 > slots.count { grow() }
        let id = Int32(entries.count)
        let bytes = Array(token.utf8)
        keyStart.append(Int32(keyArena.count))
        keyLength.append(Int32(bytes.count))
        keyArena.append(contentsOf: bytes)
        let h = bytes.withUnsafeBufferPointer { Vocabulary.hash($0) }
        keyHash.append(h)
        entries.append(Entry())
        insertSlot(id: id, hash: h)
        if let first = token.unicodeScalars.first, ScriptClass.isHan(first.value) {
            longestHanKey = max(longestHanKey, token.unicodeScalars.count)
        }
        return id
    }

    /// Changes the entry of `token`, adding it when new.
    mutating func update(_ token: String, _ change: (inout Entry) -> Void) {
        let id = Int(intern(token))
        change(&entries[id])
    }

    /// The token text of an id (for --explain and tests).
    func token(_ id: Int32) -> String {
        let s = Int(keyStart[Int(id)]), n = Int(keyLength[Int(id)])
        return String(decoding: keyArena[s..<(s + n)], as: UTF8.self)
    }

    private mutating func insertSlot(id: Int32, hash h: UInt32) {
        let mask = slots.count - 1
        var i = Int(h) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = id
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for id in 0..<entries.count { insertSlot(id: Int32(id), hash: keyHash[id]) }
    }
}
