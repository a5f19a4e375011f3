/// The phrase rules of a model, by index (`SentimentModel.phrases`), held in one of two forms:
/// as built from the files, a `PhraseRule` each; as read from the compiled vocabulary, packed
/// (session 11, tspeed12): the rules' strings (names, texts, languages, tags) stay UTF-8 bytes
/// in one table and each rule is a few indices into it, its tokens, effect, position and gap
/// read from its `PhraseKey`. A rule's `PhraseRule`, with its `String`s, is made only when it
/// is read (`--explain`, a one-word aside's text): rebuilding the ~12,000 rules with their
/// strings and tag lists at every start was about 11 M instructions (callgrind).
struct PhraseRuleList: RandomAccessCollection, Sendable {
    /// A packed rule's strings: indices into `Packed.stringEnds`, −1 for none; its tags
    /// `tagCount` indices from `tagStart` of `Packed.tagRefs`.
    struct Record: Sendable, BitwiseCopyable {
        var text: Int32, then: Int32, language: Int32, tagStart: Int32, tagCount: Int32
    }

    /// Rules read from the compiled vocabulary; their name, tokens, effect, position and gap
    /// are in `keys`, `tokens` and `names` (the model's own arrays, shared). A class, so that
    /// a copy of the model (each scorer holds one) retains one reference, not seven arrays.
    final class Packed: Sendable {
        let records: [Record]
        let tagRefs: [Int32]
        /// The strings' UTF-8 bytes back to back, and where each ends.
        let stringBytes: [UInt8]
        let stringEnds: [Int32]
        let keys: [PhraseKey]
        let tokens: [Int32]
        let names: [String]

        init(records: [Record], tagRefs: [Int32], stringBytes: [UInt8], stringEnds: [Int32], keys: [PhraseKey], tokens: [Int32],
             names: [String]) {
            self.records = records
            self.tagRefs = tagRefs
            self.stringBytes = stringBytes
            self.stringEnds = stringEnds
            self.keys = keys
            self.tokens = tokens
            self.names = names
        }

        func string(_ i: Int32) -> String {
            let end = Int(stringEnds[Int(i)]), start = i == 0 ? 0 : Int(stringEnds[Int(i) - 1])
            return String(decoding: stringBytes[start..<end], as: UTF8.self)
        }
    }

    /// The built list, or (read from the compiled vocabulary) the packed one.
    private var built: [PhraseRule] = []
    private var packed: Packed?

    init() {}

    init(packed: Packed) {
        self.packed = packed
    }

    var startIndex: Int { 0 }
    var endIndex: Int { packed?.records.count ?? built.count }

    subscript(i: Int) -> PhraseRule { rule(i) }

    /// Out of line, like `firstText`: only `--explain` reads whole rules.
    @inline(never)
    private func rule(_ i: Int) -> PhraseRule {
        guard let p = packed else { return built[i] }
        let r = p.records[i], key = p.keys[i]
        var tags: [String] = []
        if r.tagCount > 0 {
            tags.reserveCapacity(Int(r.tagCount))
            for t in r.tagStart..<(r.tagStart + r.tagCount) { tags.append(p.string(p.tagRefs[Int(t)])) }
        }
        let start = Int(key.tokenStart)
        return PhraseRule(
            name: p.names[Int(key.nameID)], tokens: p.tokens[start..<(start + Int(key.tokenCount))], effect: key.effect,
            tags: tags, language: r.language < 0 ? nil : p.string(r.language), position: key.position,
            textParts: (p.string(r.text), r.then < 0 ? nil : p.string(r.then)), within: key.within)
    }

    /// Rule `i`'s phrase as written (the `match` part of a `match` x `then` pair), without
    /// making the whole rule: the matcher reads it for one-word asides (`thanksAside`).
    func firstText(_ i: Int) -> String {
        guard let p = packed else { return built[i].textParts.0 }
        return p.string(p.records[i].text)
    }

    // What building from the files does to the list (never to a packed one).

    var capacity: Int { built.capacity }

    mutating func reserveCapacity(_ n: Int) { built.reserveCapacity(n) }

    mutating func append(_ rule: PhraseRule) {
        precondition(packed == nil, "a packed rule list is read-only")
        built.append(rule)
    }

    mutating func removeAll(where drop: (PhraseRule) throws -> Bool) rethrows {
        precondition(packed == nil, "a packed rule list is read-only")
        try built.removeAll(where: drop)
    }
}
