/// Every token the scorer knows (lexicon words, boosters, negators, contrast words, words of
/// phrase rules), English and Chinese, in one open-addressing hash table keyed by the token's
/// normalized UTF-8 bytes, so the hot path looks tokens up without building Strings.
struct Vocabulary: Sendable {
    /// What one known token does. Unset fields are neutral.
    struct Entry: Sendable, Equatable {
        /// Lexicon valence (−4…+4), 0 when the token is not a sentiment word.
        var valence: Float = 0
        /// Valence from the French, Spanish or German lexicons (NaN: none). It wins in text
        /// of those languages and stands in for a word no English lexicon lists in any text.
        var otherValence: Float = .nan
        /// Listed in an English (or Chinese) lexicon, even with valence 0: `otherValence` does not
        /// stand in for it in English text ("toll", "content", "rate").
        var inMainLexicon = false
        /// `ScanFlag` bits of the languages this token is a function word of (french, spanish, german).
        var languageMarkers: UInt8 = 0
        /// Booster (> 0) or dampener (< 0) scalar added to the next sentiment words.
        var booster: Float = 0
        /// Flips the next sentiment words ("not", "dont", "never", "不").
        var isNegator = false
        /// Turns the next negative words positive ("lifts", "ends", "restores": "lifts the ban").
        var isReverser = false
        /// Shifts weight to the later clause ("but", "however").
        var isContrast = false
        /// A word of the reporting register ("says", "announces", "Tuesday", "UTC"): a text
        /// holding one (or a number), no `personal` word and only mild words reads as a report.
        var isReportCue = false
        /// A word of personal voice ("I", "my", "we", "you"): the text is not a plain report.
        var isPersonal = false
        /// Opens a question asking for information ("does", "which", "anyone"; `report.questions`).
        var isQuestionOpener = false
        /// Concedes one side of a contrast ("still", "admittedly"; `concession`).
        var isConcession = false
        /// `otherValence` is derived (`InflectedForms`), not listed: it counts only in text
        /// scored as French, Spanish or German, never standing in for English.
        var isInflectedForm = false
        /// Moves a subject up (+1: rises, soars, higher) or down (−1: falls, cut, frozen), or
        /// ends the search for such a word (2: `direction.stop`, "as", "will"); `direction` of
        /// the rule files, read by the `direction` rule in English text.
        var direction: Int8 = 0
        /// A subject whose rise is good news (+1: shares, wages) or bad news (−1: prices,
        /// unemployment); `direction.good` / `direction.bad`.
        var riseSign: Int8 = 0
        /// Frames a rule `at: fact` (`fact_frame:` of the rule files, session 10b): 1 a blocker (a
        /// schedule, rule or question word: "are", "until"), 2 a subject ("I", "we", "baby"),
        /// 3 a word that may close a clause after a fact ("today", "officially").
        var factFrame: Int8 = 0
        /// Bits of the fact patterns (`FactPattern`, `facts:` of the rule files) this word is a
        /// `first`, `then`, `next` or `unless` word of.
        var factFirst: UInt16 = 0, factThen: UInt16 = 0, factNext: UInt16 = 0, factUnless: UInt16 = 0
        /// An English function word (language guess).
        var isEnglishMarker = false
        /// A function word of another Latin-script language (language guess).
        var isForeignMarker = false
        /// Index into `SentimentModel.phrasesByFirstToken` of the phrases starting with this
        /// token, or −1.
        var phraseList: Int32 = -1
        /// Index into `sources` of the file the valence came from (for --explain), or −1.
        var source: Int16 = -1
        /// Index into `sources` of the file `otherValence` came from, or −1.
        var otherSource: Int16 = -1

        /// The valence in text of `language` (`PhraseKey` codes): in French, Spanish or German
        /// text the other lexicons' value first, and no English valence for those languages'
        /// function words ("die", "no"); elsewhere the English (or Chinese) value, else theirs.
        @inline(__always)
        func valence(in language: UInt8) -> Float {
            if language >= PhraseKey.french {
                return otherValence.isNaN ? (isForeignMarker ? 0 : valence) : otherValence
            }
            return inMainLexicon || otherValence.isNaN || isInflectedForm ? valence : otherValence
        }
    }

    /// A slot of the open-addressing table: the key's hash and its id (−1 when empty).
    private struct Slot: Equatable {
        var hash: UInt32
        var id: Int32
    }

    /// A slot of the table of short keys (1–8 bytes, none zero), which holds the key itself,
    /// packed little-endian into a `UInt64`, so that a lookup reads one slot (0 when empty).
    private struct ShortSlot: Equatable {
        var key: UInt64
        var id: Int32
    }

    /// What each token does, by id. Plain values, so reading one costs no reference counting.
    var entries: [Entry] = []
    /// What the scanner needs of each id, one byte each (`ScanFlag`), so that it reads a
    /// small table rather than the entries. Built by `indexScanFlags` once the entries are final.
    private(set) var scanFlags: [UInt8] = []

    /// Bits of `scanFlags`.
    enum ScanFlag {
        static let englishMarker: UInt8 = 1, foreignMarker: UInt8 = 2, contrast: UInt8 = 4, startsPhrase: UInt8 = 8
        /// A lexicon valence of its own (not a booster or negator).
        static let valenced: UInt8 = 16
        /// Function words of French, Spanish and German (language guess).
        static let french: UInt8 = 32, spanish: UInt8 = 64, german: UInt8 = 128
    }

    /// Per id: a booster, dampener, negator or reverser, whose entry the scorer's window reads
    /// (most words before a sentiment word are none of these; this table is 1 byte an id where
    /// an entry is 32, so the window stays in cache on a large vocabulary).
    private(set) var modifiers: [Bool] = []
    /// Per id: `Entry.phraseList` (for the phrase matcher, which reads it at each phrase start).
    private(set) var phraseListOf: [Int32] = []
    /// Per id: `Entry.factFirst` (read at each phrase start by `matchPhrases`, which notes whether
    /// any is there, and by `matchFacts`).
    private(set) var factFirstOf: [UInt16] = []

    /// Per id: `Entry.riseSign` (for `ValenceScorer.matchDirections`, which reads it at each
    /// phrase start: one byte where the entry is 48, bounds-checked, was ~30 instructions a start).
    private(set) var riseSigns: [Int8] = []

    /// Builds `scanFlags` (and `modifiers`, `phraseListOf`, `factFirstOf`, `riseSigns`) from the entries.
    mutating func indexScanFlags() {
        modifiers = entries.map { $0.booster != 0 || $0.isNegator || $0.isReverser }
        phraseListOf = entries.map(\.phraseList)
        factFirstOf = entries.map(\.factFirst)
        riseSigns = entries.map(\.riseSign)
        scanFlags = entries.map { e in
            var f: UInt8 = 0
            if e.isEnglishMarker { f |= ScanFlag.englishMarker }
            if e.isForeignMarker { f |= ScanFlag.foreignMarker }
            if e.isContrast { f |= ScanFlag.contrast }
            // A `direction` subject is a candidate like a phrase's first word (the matcher finds
            // no phrase list for it and goes on; `matchDirections` reads it).
            // So is the first word of a fact pattern (`matchFacts`).
            if e.phraseList >= 0 || e.riseSign != 0 || e.factFirst != 0 { f |= ScanFlag.startsPhrase }
            let scored = e.valence != 0 || (!e.otherValence.isNaN && e.otherValence != 0)
            if scored && e.booster == 0 && !e.isNegator { f |= ScanFlag.valenced }
            f |= e.languageMarkers
            return f
        }
    }

    /// Names of the lexicon files, for `Entry.source`.
    var sources: [String] = []
    private var keyArena: [UInt8] = []
    /// Start and length of each id's key in `keyArena`.
    private var keys: [(start: Int32, length: Int32)] = []
    private var slots: [Slot] = Array(repeating: Slot(hash: 0, id: -1), count: 1024)
    private var shortSlots: [ShortSlot] = Array(repeating: ShortSlot(key: 0, id: -1), count: 1024)
    private var shortCount = 0
    private var longCount = 0
    /// Longest key in Unicode scalars among Han keys (for forward maximum matching).
    private(set) var longestHanKey = 1

    var count: Int { entries.count }

    /// FNV-1a over the bytes; `hashSeed` and `hashStep` let a scanner hash as it reads.
    static let hashSeed: UInt32 = 2_166_136_261

    @inline(__always)
    static func hashStep(_ h: UInt32, _ b: UInt8) -> UInt32 { (h ^ UInt32(b)) &* 16_777_619 }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h = hashSeed
        for b in p { h = hashStep(h, b) }
        return h
    }

    /// `p` packed little-endian into a `UInt64` when it has 1–8 bytes and no zero byte
    /// (a key of the short table), else 0.
    @inline(__always)
    static func pack(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if p.isEmpty || p.count > 8 { return 0 }
        var key: UInt64 = 0
        for i in 0..<p.count {
            if p[i] == 0 { return 0 }
            key |= UInt64(p[i]) << UInt64(8 * i)
        }
        return key
    }

    /// The id of the token with these bytes, or −1.
    @inline(__always)
    func lookup(_ p: UnsafeBufferPointer<UInt8>) -> Int32 {
        if p.isEmpty { return -1 }
        let key = Vocabulary.pack(p)
        if key != 0 { return lookup(packed: key) }
        return lookup(p, hash: Vocabulary.hash(p))
    }

    /// The id of the short token packed into `key` (`pack`), or −1.
    @inline(__always)
    func lookup(packed key: UInt64) -> Int32 {
        shortSlots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var i = Vocabulary.shortIndex(key) & mask
            while true {
                let slot = slots[i]
                if slot.key == key { return slot.id }
                if slot.key == 0 { return -1 }
                i = (i + 1) & mask
            }
        }
    }

    @inline(__always)
    private static func shortIndex(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40)
    }

    /// The id of the long token (not a key of the short table) with these bytes, whose FNV-1a
    /// `hash` the caller computed, or −1.
    @inline(__always)
    func lookup(_ p: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> Int32 {
        if p.isEmpty { return -1 }
        return slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                keyArena.withUnsafeBufferPointer { arena in
                    let mask = slots.count - 1
                    var i = Int(h) & mask
                    while true {
                        let slot = slots[i]
                        if slot.id < 0 { return -1 }
                        if slot.hash == h {
                            let key = keys[Int(slot.id)]
                            if Int(key.length) == p.count {
                                let a = arena.baseAddress! + Int(key.start)
                                var same = true
                                for i in 0..<p.count where a[i] != p[i] { same = false; break }
                                if same { return slot.id }
                            }
                        }
                        i = (i + 1) & mask
                    }
                }
            }
        }
    }

    /// The id of the long token of `length` bytes (9 or more, so not a key of the short table)
    /// whose first and last 8 bytes are `first` and `last` (little-endian) and whose FNV-1a
    /// hash is `hash`, or −1: `lookup(_:hash:)` for a word the scanner read as two 8-byte
    /// words (`TextScanner.longASCIIWord`), comparing the key 8 bytes at a time; the two reads
    /// cover a key of up to 16 bytes and stay within it.
    @inline(__always)
    func lookup(first: UInt64, last: UInt64, length: Int, hash h: UInt32) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                keyArena.withUnsafeBufferPointer { arena in
                    let mask = slots.count - 1
                    var i = Int(h) & mask
                    while true {
                        let slot = slots[i]
                        if slot.id < 0 { return -1 }
                        if slot.hash == h {
                            let key = keys[Int(slot.id)]
                            if Int(key.length) == length {
                                let a = UnsafeRawPointer(arena.baseAddress! + Int(key.start))
                                if a.loadUnaligned(as: UInt64.self) == first
                                    && a.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self) == last { return slot.id }
                            }
                        }
                        i = (i + 1) & mask
                    }
                }
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
        let id = t.withUTF8 { intern(bytes: $0) }
        // Han keys start with a byte of 0xE3 or more (U+3400 and up).
        if let b = token.utf8.first, b >= 0xE3, let first = token.unicodeScalars.first, ScriptClass.isHan(first.value) {
            longestHanKey = max(longestHanKey, token.unicodeScalars.count)
        }
        return id
    }

    private mutating func intern(bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let found = lookup(bytes)
        if found >= 0 { return found }
        let id = Int32(entries.count)
        keys.append((Int32(keyArena.count), Int32(bytes.count)))
        keyArena.append(contentsOf: bytes)
        entries.append(Entry())
        let key = Vocabulary.pack(bytes)
        if key != 0 {
            if (shortCount + 1) * 2 > shortSlots.count { growShort() }
            insertShort(id: id, key: key)
            shortCount += 1
        } else {
            if (longCount + 1) * 2 > slots.count { grow() }
            insertSlot(id: id, hash: Vocabulary.hash(bytes))
            longCount += 1
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
        let key = keys[Int(id)]
        let s = Int(key.start), n = Int(key.length)
        return String(decoding: keyArena[s..<(s + n)], as: UTF8.self)
    }

    private mutating func insertSlot(id: Int32, hash h: UInt32) {
        let mask = slots.count - 1
        var i = Int(h) & mask
        while slots[i].id >= 0 { i = (i + 1) & mask }
        slots[i] = Slot(hash: h, id: id)
    }

    private mutating func insertShort(id: Int32, key: UInt64) {
        let mask = shortSlots.count - 1
        var i = Vocabulary.shortIndex(key) & mask
        while shortSlots[i].key != 0 { i = (i + 1) & mask }
        shortSlots[i] = ShortSlot(key: key, id: id)
    }

    /// An empty vocabulary.
    init() {}

    /// The same tables, value for value (the padding bytes a snapshot also holds aside).
    func hasSameTables(as o: Vocabulary) -> Bool {
        // NaN valences (`otherValence` unset) compare by their bits.
        entries.count == o.entries.count && zip(entries, o.entries).allSatisfy { a, b in
            var a = a, b = b
            (a.otherValence, b.otherValence) = (a.otherValence.isNaN ? 9 : a.otherValence, b.otherValence.isNaN ? 9 : b.otherValence)
            return a == b
        }
            && sources == o.sources && keyArena == o.keyArena && keys.elementsEqual(o.keys, by: ==) && slots == o.slots
            && shortSlots == o.shortSlots && shortCount == o.shortCount && longCount == o.longCount
            && longestHanKey == o.longestHanKey && scanFlags == o.scanFlags && modifiers == o.modifiers && phraseListOf == o.phraseListOf
            && riseSigns == o.riseSigns && factFirstOf == o.factFirstOf
    }

    /// Appends every table to a snapshot (`VocabularyCache`); the scanner's one-byte tables are
    /// rebuilt from the entries on reading.
    func write(to w: inout SnapshotWriter) {
        w.plain(entries)
        w.strings(sources)
        w.plain(keyArena)
        w.plain(keys)
        w.plain(slots)
        w.plain(shortSlots)
        w.int(shortCount)
        w.int(longCount)
        w.int(longestHanKey)
    }

    /// The vocabulary `write(to:)` wrote, checked for consistent sizes.
    init(reading r: inout SnapshotReader) throws(SnapshotReader.Corrupt) {
        entries = try r.plain()
        sources = try r.strings()
        keyArena = try r.plain()
        keys = try r.plain()
        slots = try r.plain()
        shortSlots = try r.plain()
        shortCount = try r.int()
        longCount = try r.int()
        longestHanKey = try r.int()
        let arena = keyArena.count
        guard keys.count == entries.count, shortCount + longCount == entries.count,
              slots.count.nonzeroBitCount == 1, shortSlots.count.nonzeroBitCount == 1,
              keys.allSatisfy({ $0.start >= 0 && $0.length >= 0 && Int($0.start) + Int($0.length) <= arena }),
              slots.allSatisfy({ $0.id < entries.count }), shortSlots.allSatisfy({ $0.id < entries.count }),
              entries.allSatisfy({ Int($0.source) < sources.count && Int($0.otherSource) < sources.count })
        else { throw SnapshotReader.Corrupt() }
        indexScanFlags()
    }

    /// Sizes the tables for about `keys` tokens in all (most of them short), so that adding
    /// them does not rehash the tables at each doubling.
    mutating func reserve(keys n: Int) {
        var short = shortSlots.count, long = slots.count
        while short < 2 * n { short *= 2 }
        while long < n / 2 { long *= 2 }
        if short > shortSlots.count {
            let old = shortSlots
            shortSlots = Array(repeating: ShortSlot(key: 0, id: -1), count: short)
            for slot in old where slot.key != 0 { insertShort(id: slot.id, key: slot.key) }
        }
        if long > slots.count {
            let old = slots
            slots = Array(repeating: Slot(hash: 0, id: -1), count: long)
            for slot in old where slot.id >= 0 { insertSlot(id: slot.id, hash: slot.hash) }
        }
        entries.reserveCapacity(n)
        keys.reserveCapacity(n)
        keyArena.reserveCapacity(8 * n)
    }

    private mutating func growShort() {
        let old = shortSlots
        shortSlots = Array(repeating: ShortSlot(key: 0, id: -1), count: shortSlots.count * 2)
        for slot in old where slot.key != 0 { insertShort(id: slot.id, key: slot.key) }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(hash: 0, id: -1), count: slots.count * 2)
        for slot in old where slot.id >= 0 { insertSlot(id: slot.id, hash: slot.hash) }
    }
}
