extension TextScanner {
    /// Decodes the scalar starting at `i` (invalid bytes decode as one U+FFFD byte).
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b = p[i]
        let n = p.count
        if b < 0x80 { return (UInt32(b), 1) }
        if b >= 0xF0, i + 3 < n {
            return ((UInt32(b & 0x07) << 18) | (UInt32(p[i + 1] & 0x3F) << 12) | (UInt32(p[i + 2] & 0x3F) << 6) | UInt32(p[i + 3] & 0x3F), 4)
        }
        if b >= 0xE0, i + 2 < n {
            return ((UInt32(b & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6) | UInt32(p[i + 2] & 0x3F), 3)
        }
        if b >= 0xC0, i + 1 < n {
            return ((UInt32(b & 0x1F) << 6) | UInt32(p[i + 1] & 0x3F), 2)
        }
        return (0xFFFD, 1)
    }

    /// Appends a token, carrying the pending clause break; for Latin words (`word`) also
    /// counts the language markers. The vocabulary's scan flags are read once per token, and
    /// the index lists are appended to without branches on the flags.
    @inline(__always)
    mutating func emit(id: Int32, valenceID: Int32, allCaps: Bool, elongated: Bool, word: Bool = false) {
        let index = Int32(tokens.count)
        // Flags of the token (none for an unknown word) and of the form giving its valence
        // (a stem stands in only for an unknown word).
        let f = id >= 0 ? vocabulary.scanFlags[Int(id)] : 0
        let valenceFlags = valenceID == id ? f : valenceID >= 0 ? vocabulary.scanFlags[Int(valenceID)] : 0
        let markers: UInt8 = word ? f : 0
        stats.englishMarkers &+= markers & Vocabulary.ScanFlag.englishMarker != 0 ? 1 : 0
        stats.foreignMarkers &+= markers & Vocabulary.ScanFlag.foreignMarker != 0 ? 1 : 0
        if markers >= Vocabulary.ScanFlag.french {
            stats.frenchMarkers &+= markers & Vocabulary.ScanFlag.french != 0 ? 1 : 0
            stats.spanishMarkers &+= markers & Vocabulary.ScanFlag.spanish != 0 ? 1 : 0
            stats.germanMarkers &+= markers & Vocabulary.ScanFlag.german != 0 ? 1 : 0
        }
        let contrast = f & Vocabulary.ScanFlag.contrast != 0
        stats.contrastWords &+= contrast ? 1 : 0
        contrasts.append(index, if: contrast)
        let startsPhrase = f & Vocabulary.ScanFlag.startsPhrase != 0
        phraseStarts.append(index, if: startsPhrase)
        valenced.append(index, if: valenceFlags & Vocabulary.ScanFlag.valenced != 0)
        tokens.append(Token(
            id: id, valenceID: valenceID, allCaps: allCaps, elongated: elongated,
            breakBefore: pendingBreak, sentence: Int32(sentences.count), startsPhrase: startsPhrase))
        pendingBreak = false
    }

    /// `emit(id:valenceID:allCaps:elongated:word: true)` for `scan`'s common case, written out
    /// so that it is inlined into `scan`'s loop (the same stores; counts wrap instead of trapping,
    /// which no text reaches).
    @inline(__always)
    mutating func emitWord(id: Int32, valenceID: Int32, allCaps: Bool, elongated: Bool) {
        let index = Int32(truncatingIfNeeded: tokens.count)
        let f = id >= 0 ? vocabulary.scanFlags[Int(id)] : 0
        let valenceFlags = valenceID == id ? f : valenceID >= 0 ? vocabulary.scanFlags[Int(valenceID)] : 0
        stats.englishMarkers &+= f & Vocabulary.ScanFlag.englishMarker != 0 ? 1 : 0
        stats.foreignMarkers &+= f & Vocabulary.ScanFlag.foreignMarker != 0 ? 1 : 0
        if f >= Vocabulary.ScanFlag.french {
            stats.frenchMarkers &+= f & Vocabulary.ScanFlag.french != 0 ? 1 : 0
            stats.spanishMarkers &+= f & Vocabulary.ScanFlag.spanish != 0 ? 1 : 0
            stats.germanMarkers &+= f & Vocabulary.ScanFlag.german != 0 ? 1 : 0
        }
        let contrast = f & Vocabulary.ScanFlag.contrast != 0
        stats.contrastWords &+= contrast ? 1 : 0
        contrasts.append(index, if: contrast)
        let startsPhrase = f & Vocabulary.ScanFlag.startsPhrase != 0
        phraseStarts.append(index, if: startsPhrase)
        valenced.append(index, if: valenceFlags & Vocabulary.ScanFlag.valenced != 0)
        tokens.append(Token(
            id: id, valenceID: valenceID, allCaps: allCaps, elongated: elongated,
            breakBefore: pendingBreak, sentence: Int32(truncatingIfNeeded: sentences.count), startsPhrase: startsPhrase))
        pendingBreak = false
    }

    /// Closes the current sentence (if it has tokens or punctuation).
    mutating func endSentence() {
        if tokens.count > sentenceStart {
            let phraseStart = sentences.last?.phraseStarts.upperBound ?? 0
            let valencedStart = sentences.last?.valenced.upperBound ?? 0
            let contrastStart = sentences.last?.contrasts.upperBound ?? 0
            sentences.append(SentenceSpan(tokenStart: sentenceStart, tokenEnd: tokens.count,
                                          phraseStarts: phraseStart..<phraseStarts.count,
                                          valenced: valencedStart..<valenced.count,
                                          contrasts: contrastStart..<contrasts.count,
                                          exclamations: exclamations, questions: questions))
            sentenceStart = tokens.count
            exclamations = 0
            questions = 0
        }
        pendingBreak = true
    }

    /// Ends the sentence when the punctuation run that `j` follows is over.
    mutating func endSentenceIfLast(_ p: UnsafeBufferPointer<UInt8>, after j: Int) {
        if j >= p.count { return }
        let b = p[j]
        if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b >= 0x80 && !Self.startsPunctuation(p, at: j) {
            endSentence()
        } else if b < 0x80 && b != 0x21 && b != 0x3F && b != 0x2E {
            pendingBreak = true
        }
    }

    private static func startsPunctuation(_ p: UnsafeBufferPointer<UInt8>, at j: Int) -> Bool {
        let (v, _) = decode(p, at: j)
        return v == 0xFF01 || v == 0xFF1F
    }

    /// ASCII punctuation: emoticons, ! and ?, sentence ends, clause breaks, mentions.
    mutating func readPunctuation(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = p.count
        let b = p[i]
        if i == 0 || p[i - 1] <= 0x20 {
            var end = i
            while end < n && p[end] > 0x20 && p[end] < 0x80 { end += 1 }
            if end - i <= 8 {
                let id = vocabulary.lookup(UnsafeBufferPointer(rebasing: p[i..<end]))
                if id >= 0 {
                    emit(id: id, valenceID: id, allCaps: false, elongated: false)
                    return end
                }
            }
            if b == 0x40 {  // @mention
                while end < n && p[end] > 0x20 { end += 1 }
                return end
            }
        }
        switch b {
        case 0x21:
            exclamations += 1
            endSentenceIfLast(p, after: i + 1)
        case 0x3F:
            questions += 1
            endSentenceIfLast(p, after: i + 1)
        case 0x2E:
            if i + 1 >= n || p[i + 1] <= 0x20 { endSentence() }
        case 0x22:
            quoteMark(p, after: i + 1)
        case 0x3A where i > 0 && i + 1 < n && p[i - 1] &- 0x30 < 10 && p[i + 1] &- 0x30 < 10:
            break  // a clock time ("6:15", "12:40") is one clause, not two (session 11, good12)
        case 0x2C, 0x3B, 0x3A, 0x28, 0x29, 0x5B, 0x5D:
            pendingBreak = true
        case 0x2D:
            if i + 1 < n && p[i + 1] == 0x20 { pendingBreak = true }
        case 0x24:
            return readCurrency(p, at: i, length: 1, breaks: false)
        default:
            break
        }
        return i + 1
    }

    /// A double quote: a clause break, and the start or end of a quoted span. A closing quote
    /// one to three words after the opening one notes the span in `quotedSpans` (for the
    /// scare quotes of `ValenceScorer.applyScareQuotes`); `j` is the byte after the mark.
    mutating func quoteMark(_ p: UnsafeBufferPointer<UInt8>, after j: Int) {
        pendingBreak = true
        if quoteOpen < 0 {
            quoteOpen = tokens.count
            quoteUpper = j < p.count && p[j] >= 0x41 && p[j] <= 0x5A
            return
        }
        let words = tokens.count - quoteOpen
        if words >= 1 && words <= 3 {
            quotedSpans.append(Int32(quoteOpen))
            quotedSpans.append(Int32(tokens.count))
            quotedSpans.append(quoteUpper ? 1 : 0)
        }
        quoteOpen = -1
    }

    /// Segments a run of Han characters by forward maximum matching.
    mutating func readHanRun(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var offsets = hanOffsets
        hanOffsets = []
        offsets.removeAll(keepingCapacity: true)
        var i = start
        while i < p.count {
            let (v, len) = Self.decode(p, at: i)
            guard len > 1, ScriptClass.isHan(v) else { break }
            offsets.append(i)
            i += len
        }
        offsets.append(i)
        let chars = offsets.count - 1
        stats.hanLetters += chars
        let longest = vocabulary.longestHanKey
        var s = 0
        while s < chars {
            var k = min(longest, chars - s)
            var found: Int32 = -1
            while k >= 1 {
                found = vocabulary.lookup(UnsafeBufferPointer(rebasing: p[offsets[s]..<offsets[s + k]]))
                if found >= 0 { break }
                k -= 1
            }
            emit(id: found, valenceID: found, allCaps: false, elongated: false)
            s += max(k, 1)
        }
        hanOffsets = offsets
        return i
    }
}
