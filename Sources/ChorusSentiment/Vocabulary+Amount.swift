extension Vocabulary {
    /// The rule-file word that stands for an amount of money written with a currency sign
    /// (session 11, acc11): "£14", "$9", "€120", "¥500", "14 €" and "3,50€" each scan as one token
    /// of this id, so rules can tell a price from any other count ("£14 to park for an hour",
    /// "paid £9.50", "only £3 for the whole day"). Written `£` in rule files whatever the sign.
    static let amountWord: StaticString = "£"

    /// The id every amount takes (`TextScanner`); -1 when no rule uses `£`, and then a currency
    /// sign is read exactly as before (punctuation, and the digits a number of their own).
    var amountID: Int32 {
        Self.amountWord.withUTF8Buffer { lookup($0) }
    }
}
