extension Vocabulary {
    /// The rule-file word that stands for any number written in digits: a phrase such as
    /// `closes 0 stores` matches "closes 40 stores", and `cuts 0 0 jobs` matches "cuts 4,000
    /// jobs" (the comma splits the digits into two words). Headlines carry their size as a
    /// count between the verb and its object, where a literal phrase can never match.
    static let anyNumberWord: StaticString = "0"

    /// The id every digits-only word not itself in the vocabulary takes (`TextScanner`), so
    /// phrases can match across counts; -1 when no phrase uses the placeholder, and then
    /// numbers stay unknown words exactly as before. A digit word that is itself in the
    /// vocabulary (`1` and `5` start the idioms `1 star`, `5 stars`) keeps its own id, so
    /// "cuts 1,200 jobs" does not match `cuts 0 0 jobs`.
    var anyNumberID: Int32 {
        Self.anyNumberWord.withUTF8Buffer { lookup($0) }
    }
}
