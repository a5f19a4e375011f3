/// Splits UTF-8 text into tokens, sentences and script counts in one pass over the bytes.
///
/// Latin words are lower-cased (ASCII), contractions normalized ("don't" → "dont",
/// "it's" → "it"), elongations looked up collapsed ("soooo" → "so"), and unknown inflections
/// fall back to their stem ("loving" → "love"). Runs of Han characters are segmented by
/// forward maximum matching over the vocabulary. Emoticons are matched on the raw
/// whitespace-delimited chunk, emoji one scalar at a time. Mentions and URLs are skipped.
struct TextScanner: ~Copyable {
    let vocabulary: Vocabulary
    var tokens = ScratchList<Token>()
    var sentences = ScratchList<SentenceSpan>(capacity: 16)
    var stats = TextStats()
    /// Indices of the tokens that start some phrase rule, in order (the phrase matcher's
    /// candidates).
    var phraseStarts = ScratchList<Int32>()
    /// Indices of the tokens with a lexicon valence of their own (not boosters or negators),
    /// in order: with the phrase matches, the only tokens that can contribute.
    var valenced = ScratchList<Int32>()
    /// Indices of the contrast words ("but", "however"), in order.
    var contrasts = ScratchList<Int32>()
    /// Short quoted spans (session 11, acc11b), three entries each: first token, end token, and
    /// 1 when the quote opened before a capital letter (a title or a name), else 0. A span is
    /// one to three words between two double quotes (`"`, `“ ”`, `„`, `« »`).
    var quotedSpans = ScratchList<Int32>(capacity: 6)
    /// The token index at an open double quote, or −1; and whether a capital followed it.
    var quoteOpen = -1
    var quoteUpper = false

    // Scratch state, reused from text to text.
    var word: [UInt8] = []
    var variant: [UInt8] = []
    var hanOffsets: [Int] = []
    var pendingBreak = true
    var sentenceStart = 0
    var exclamations = 0
    var questions = 0
    /// `Vocabulary.anyNumberID`: the id a digits-only unknown word takes.
    let anyNumber: Int32
    /// `Vocabulary.amountID`: the id an amount of money takes ("£14", "14 €"), or -1.
    let amount: Int32

    init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        anyNumber = vocabulary.anyNumberID
        amount = vocabulary.amountID
        word.reserveCapacity(64)
        variant.reserveCapacity(64)
    }

    /// Scans `p`; the results are in `tokens`, `sentences` and `stats` (reset first).
    mutating func scan(_ p: UnsafeBufferPointer<UInt8>) {
        tokens.clear()
        sentences.clear()
        phraseStarts.clear()
        valenced.clear()
        contrasts.clear()
        quotedSpans.clear()
        quoteOpen = -1
        stats = TextStats()
        pendingBreak = true
        sentenceStart = 0
        exclamations = 0
        questions = 0
        var i = 0
        let n = p.count
        while i < n {
            let b = p[i]
            // Most bytes between words are single spaces.
            if b == 0x20 { i += 1; continue }
            if b < 0x80 {
                if Self.isWordByte(b) {
                    // The common case, a run of fewer than 8 ASCII letters and digits followed by
                    // the text's end or by ASCII that is neither an apostrophe nor a colon, is
                    // classified, lower-cased and looked up from one 8-byte read and its token
                    // emitted here, in the loop (no call per word; a helper marked always-inline
                    // was still called).
                    // Anything else goes to `readLatinWord`, which reads every word the same way.
                    guard let word = Self.shortASCIIWord(p, at: i), let base = p.baseAddress,
                          case let j = i &+ word.length, j == n || (base[j] < 0x80 && base[j] != 0x27 && base[j] != 0x3A) else {
                        // A run of 8 to 15 letters and digits under the same condition: read as
                        // two 8-byte words, looked up from them and emitted here too
                        // (`longASCIIWord` says what it saves).
                        if let word = Self.longASCIIWord(p, at: i), let base = p.baseAddress,
                           case let j = i &+ word.length, j == n || (base[j] < 0x80 && base[j] != 0x27 && base[j] != 0x3A) {
                            stats.latinLetters &+= word.letters
                            stats.lowerLetters &+= word.letters &- word.uppers
                            stats.upperLetters &+= word.uppers
                            let (id, valenceID) = lookupLong(word)
                            emitWord(id: id, valenceID: valenceID, allCaps: word.letters >= 2 && word.uppers == word.letters,
                                     elongated: word.elongated)
                            i = j
                        } else {
                            i = readLatinWord(p, from: i)
                        }
                        continue
                    }
                    stats.latinLetters &+= word.letters
                    stats.lowerLetters &+= word.letters &- word.uppers
                    stats.upperLetters &+= word.uppers
                    var id = vocabulary.lookup(packed: word.packed)
                    var valenceID = id
                    if id < 0 {
                        (id, valenceID) = lookupUnknown(UnsafeBufferPointer(start: base + i, count: word.length),
                                                        letters: word.letters, uppers: word.uppers, elongated: word.elongated)
                    }
                    emitWord(id: id, valenceID: valenceID, allCaps: word.letters >= 2 && word.uppers == word.letters,
                             elongated: word.elongated)
                    i = j
                } else if b == 0x20 || b == 0x09 || b == 0x0D {
                    i += 1
                } else if b == 0x0A {
                    endSentence()
                    i += 1
                } else {
                    i = readPunctuation(p, at: i)
                }
                continue
            }
            let (v, len) = Self.decode(p, at: i)
            switch ScriptClass.of(v) {
            case .latin:
                i = readLatinWord(p, from: i)
            case .han:
                i = readHanRun(p, from: i)
            case .kana:
                stats.kanaLetters += 1; i += len
            case .hangul:
                stats.hangulLetters += 1; i += len
            case .otherLetter:
                stats.otherLetters += 1; i += len
            case .emoji:
                if !(0x1F3FB...0x1F3FF).contains(v) {
                    let id = vocabulary.lookup(UnsafeBufferPointer(rebasing: p[i..<(i + len)]))
                    emit(id: id, valenceID: id, allCaps: false, elongated: false)
                }
                i += len
            case .punctuation:
                switch v {
                case 0xFF01: exclamations += 1; endSentenceIfLast(p, after: i + len)
                case 0xFF1F: questions += 1; endSentenceIfLast(p, after: i + len)
                case 0x3002, 0x2026, 0xFF0E: endSentence()
                case 0xA3, 0xA5: i = readCurrency(p, at: i, length: len, breaks: true); continue
                case 0x201C, 0x201D, 0x201E, 0xAB, 0xBB: quoteMark(p, after: i + len)
                default: pendingBreak = true
                }
                i += len
            case .other where Self.isCurrencySign(v):
                i = readCurrency(p, at: i, length: len, breaks: false)
            case .space, .other:
                i += len
            }
        }
        endSentence()
    }

    // MARK: - Latin words

    @inline(__always)
    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }

    /// The ids (`emit`'s `id` and `valenceID`) of a word of ASCII letters and digits shorter
    /// than 8 bytes (`scan`'s fast path) that is not in the vocabulary as written lower-cased: its elongation
    /// collapsed, its stem, or the number placeholder (`readLatinWord`'s rules).
    private mutating func lookupUnknown(_ slice: UnsafeBufferPointer<UInt8>, letters: Int, uppers: Int,
                                        elongated: Bool) -> (Int32, Int32) {
        var id: Int32 = -1, valenceID: Int32 = -1
        if uppers == 0 {
            if elongated { id = lookupCollapsed(slice) }
            valenceID = id < 0 && letters >= 4 ? lookupStem(slice) : id
        } else {
            (id, valenceID) = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: slice.count) { buf in
                for k in 0..<slice.count {
                    let b = slice[k]
                    buf[k] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                }
                let w = UnsafeBufferPointer(buf)
                var id: Int32 = -1
                if elongated { id = lookupCollapsed(w) }
                return (id, id < 0 && letters >= 4 ? lookupStem(w) : id)
            }
        }
        if id < 0 && letters == 0 { id = anyNumber }
        return (id, valenceID)
    }

    /// Reads a word; the common case (ASCII letters and digits) is looked up in place when
    /// lower-case, or after one lower-casing copy.
    private mutating func readLatinWord(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let n = p.count
        var j = start, letters = 0, uppers = 0, elongated = false
        // The lower-cased word packed as a short vocabulary key (its first 8 bytes), and for
        // longer words its `Vocabulary` hash, computed as the bytes are read.
        var packed: UInt64 = 0
        var hash = Vocabulary.hashSeed
        if let word = Self.shortASCIIWord(p, at: start) {
            j = start + word.length
            letters = word.letters
            uppers = word.uppers
            elongated = word.elongated
            packed = word.packed
        } else {
            let word = ASCIIWordRun.read(p, from: start)
            j = word.end
            letters = word.letters
            uppers = word.uppers
            elongated = word.elongated
            packed = word.packed
            hash = word.hash
        }
        if j < n {
            let b = p[j]
            if b >= 0x80 || (b == 0x27 && j + 1 < n && Self.isWordByte(p[j + 1])) {
                return readLatinWordCopying(p, from: start)
            }
            if b == 0x3A, j + 2 < n, p[j + 1] == 0x2F, p[j + 2] == 0x2F {
                while j < n && p[j] > 0x20 { j += 1 }
                return j
            }
        }
        stats.latinLetters += letters
        stats.lowerLetters += letters - uppers
        stats.upperLetters += uppers
        let slice = UnsafeBufferPointer(rebasing: p[start..<j])
        var id: Int32
        var valenceID: Int32
        if uppers == 0 {
            id = slice.count <= 8 ? vocabulary.lookup(packed: packed) : vocabulary.lookup(slice, hash: hash)
            if id < 0 && elongated { id = lookupCollapsed(slice) }
            valenceID = id < 0 && letters >= 4 ? lookupStem(slice) : id
        } else if slice.count <= 8, case let found = vocabulary.lookup(packed: packed), found >= 0 {
            // A known short word: no lower-cased copy needed.
            id = found
            valenceID = found
        } else {
            // Lower-cased on the stack (no copy of a scratch array per capitalized word).
            (id, valenceID) = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: slice.count) { buf in
                for k in 0..<slice.count {
                    let b = slice[k]
                    buf[k] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                }
                let w = UnsafeBufferPointer(buf)
                var id = w.count <= 8 ? vocabulary.lookup(packed: packed) : vocabulary.lookup(w, hash: hash)
                if id < 0 && elongated { id = lookupCollapsed(w) }
                return (id, id < 0 && letters >= 4 ? lookupStem(w) : id)
            }
        }
        // A count ("closes 40 stores") matches the rules' number placeholder.
        if id < 0 && letters == 0 { id = anyNumber }
        emit(id: id, valenceID: valenceID, allCaps: letters >= 2 && uppers == letters, elongated: elongated, word: true)
        return j
    }

    /// Reads a word with capitals, apostrophes or non-ASCII letters into `word`, normalized.
    private mutating func readLatinWordCopying(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        word.removeAll(keepingCapacity: true)
        var i = start
        let n = p.count
        var letters = 0, uppers = 0, lowers = 0
        var hasApostrophe = false, elongated = false
        var last: UInt8 = 0, run = 0
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if b >= 0x41 && b <= 0x5A {
                    uppers += 1; letters += 1
                    let lower = b | 0x20
                    run = lower == last ? run + 1 : 1; last = lower
                    if run == 3 { elongated = true }
                    word.append(lower)
                } else if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                    if b >= 0x61 { lowers += 1; letters += 1 }
                    run = b == last ? run + 1 : 1; last = b
                    if run == 3 && b >= 0x61 { elongated = true }
                    word.append(b)
                } else if b == 0x27, i + 1 < n, Self.isWordByte(p[i + 1]), !word.isEmpty {
                    hasApostrophe = true; word.append(0x27); last = 0
                } else {
                    break
                }
                i += 1
            } else {
                let (v, len) = Self.decode(p, at: i)
                if v == 0x2019, i + len < n, Self.isWordByte(p[i + len]), !word.isEmpty {
                    hasApostrophe = true; word.append(0x27); last = 0
                } else if ScriptClass.of(v) == .latin {
                    letters += 1
                    if let lower = LatinCase.lower(v) {
                        uppers += 1
                        LatinCase.appendUTF8(lower, to: &word)
                    } else {
                        lowers += 1
                        word.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<(i + len)]))
                    }
                    last = 0
                } else {
                    break
                }
                i += len
            }
        }
        stats.latinLetters += letters
        stats.upperLetters += uppers
        stats.lowerLetters += lowers
        // URLs: skip the rest of the chunk.
        if i + 2 < n, p[i] == 0x3A, p[i + 1] == 0x2F, p[i + 2] == 0x2F {
            while i < n && p[i] > 0x20 { i += 1 }
            return i
        }
        if hasApostrophe { normalizeContraction() }
        if word.isEmpty { return i }
        let w = word
        let (id, valenceID) = w.withUnsafeBufferPointer { w in
            var id = vocabulary.lookup(w)
            if id < 0 && elongated { id = lookupCollapsed(w) }
            return (id, id < 0 && letters >= 4 ? lookupStem(w) : id)
        }
        emit(id: id, valenceID: valenceID, allCaps: letters >= 2 && uppers == letters, elongated: elongated, word: true)
        return i
    }

    /// "don't" → "dont"; "it's", "we'll", "they're", "I've", "I'd", "I'm" → the word before;
    /// French elision ("j'adore", "c'est", "qu'il") → the word after (`WordNormalizer.elided`).
    private mutating func normalizeContraction() {
        guard let a = word.lastIndex(of: 0x27) else { return }
        let suffix = word.count - a - 1
        let s0 = suffix > 0 ? word[a + 1] : 0, s1 = suffix > 1 ? word[a + 2] : 0
        let dropSuffix = (suffix == 1 && (s0 == 0x73 || s0 == 0x64 || s0 == 0x6D))
            || (suffix == 2 && ((s0 == 0x6C && s1 == 0x6C) || (s0 == 0x72 && s1 == 0x65) || (s0 == 0x76 && s1 == 0x65)))
        if dropSuffix {
            word.removeSubrange(a...)
        } else if let first = word.firstIndex(of: 0x27), WordNormalizer.elided(word[..<first]) {
            word.removeSubrange(...first)
        }
        word.removeAll { $0 == 0x27 }
    }
}
