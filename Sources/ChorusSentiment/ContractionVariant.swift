/// The form a rule phrase's contraction takes in text. Text keeps the word before an
/// apostrophe ("it's" → `it`, "I'm" → `i`) while rule files spell contractions without one
/// (`its back`, `im thrilled to be stuck`), which then matched only text written without the
/// apostrophe: "It's back!" missed `its back`. Each phrase holding such a spelling is also
/// added with the text's form (`it back`); `n't` forms need nothing (text keeps `dont`).
enum ContractionVariant {
    /// Rule-file spelling → the token text gives for the same contraction.
    static let textForm: [String: String] = [
        "im": "i", "ive": "i", "id": "i", "youre": "you", "youve": "you", "youd": "you", "youll": "you",
        "theyre": "they", "theyve": "they", "theyll": "they", "thats": "that", "whats": "what", "its": "it",
        "itll": "it", "weve": "we", "heres": "here", "theres": "there", "hes": "he",
        "shes": "she", "whos": "who", "wheres": "where", "hows": "how", "thatll": "that", "whatre": "what",
        "couldve": "could", "shouldve": "should", "wouldve": "would", "mustve": "must",
    ]

    /// The phrase's tokens with every contraction in text form; nil when it has none.
    static func variant(of tokens: [String]) -> [String]? {
        var changed = false
        let out = tokens.map { t -> String in
            guard let f = textForm[t] else { return t }
            changed = true
            return f
        }
        return changed ? out : nil
    }
}
