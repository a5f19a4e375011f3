extension TextScanner {
    /// Whether `v` is a currency sign that makes an amount: `$`, `£`, `¥`, and the Currency
    /// Symbols block (`€`, `₹`, `₽`…).
    @inline(__always)
    static func isCurrencySign(_ v: UInt32) -> Bool {
        v == 0x24 || v == 0xA3 || v == 0xA5 || (0x20A0...0x20CF).contains(v)
    }

    /// Reads a currency sign of `length` bytes at `i` (session 11, acc11). With `amount` known
    /// (a rule uses `£`): a sign right before a digit takes the digits with it as one amount
    /// token, with any `,` or `.` between digits and a short scale ("£14", "$1,200", "£3.50",
    /// "€2.5m", "£40k", "50p" is left to the words); a sign right after a number, or after it
    /// and one space, turns that number's token into the amount ("14 €", "3,50€"). Otherwise,
    /// or without `amount`, the sign is what it was before: `£` and `¥` a clause break
    /// (punctuation), the others nothing. Returns the index after what was read.
    mutating func readCurrency(_ p: UnsafeBufferPointer<UInt8>, at i: Int, length: Int, breaks: Bool) -> Int {
        let n = p.count
        let j = i + length
        guard amount >= 0 else {
            if breaks { pendingBreak = true }
            return j
        }
        if j < n && Self.isDigit(p[j]) {
            var k = j
            while k < n {
                if Self.isDigit(p[k]) {
                    k += 1
                } else if (p[k] == 0x2C || p[k] == 0x2E) && k + 1 < n && Self.isDigit(p[k + 1]) {
                    k += 1
                } else {
                    break
                }
            }
            // A scale written on: "£40k", "$2m", "£1.2bn".
            var s = k
            while s < n && s - k < 2 && ((p[s] | 0x20) == 0x6B || (p[s] | 0x20) == 0x6D || (p[s] | 0x20) == 0x62 || (p[s] | 0x20) == 0x6E) {
                s += 1
            }
            if s == n || !Self.isWordByteOrLetter(p[s]) { k = s }
            emit(id: amount, valenceID: amount, allCaps: false, elongated: false)
            return k
        }
        // After a number: "14 €", "14€".
        let before = i > 0 && Self.isDigit(p[i - 1]) ? i - 1 : i > 1 && p[i - 1] == 0x20 && Self.isDigit(p[i - 2]) ? i - 2 : -1
        if before >= 0, tokens.count > sentenceStart {
            markLastTokenAsAmount()
            return j
        }
        if breaks { pendingBreak = true }
        return j
    }

    /// Gives the last token (a number just read) the amount's id, and lists it as a phrase
    /// start when the amount starts a rule's phrase or pattern.
    private mutating func markLastTokenAsAmount() {
        let last = tokens.count - 1
        let startsPhrase = vocabulary.scanFlags[Int(amount)] & Vocabulary.ScanFlag.startsPhrase != 0
        tokens[last].id = amount
        tokens[last].valenceID = amount
        if startsPhrase && !tokens[last].startsPhrase { phraseStarts.append(Int32(last)) }
        tokens[last].startsPhrase = startsPhrase
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// An ASCII letter or digit, or the first byte of a non-ASCII scalar (which may be a letter).
    @inline(__always)
    private static func isWordByteOrLetter(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b >= 0x80
    }
}
