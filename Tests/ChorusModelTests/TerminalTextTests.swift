import ChorusModel
import Testing

/// Text from files and servers made safe for a terminal: escaped, and cut by its printed length.
@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("plain é 中文 👍🏽", "plain é 中文 👍🏽"),
        ("a\u{1B}[31mb", #"a\u{1B}[31mb"#),
        ("tab\there\nnext\r", #"tab\there\nnext\r"#),
        ("\u{7F}\u{85}\u{9B}", #"\u{7F}\u{85}\u{9B}"#),
        ("rtl\u{202E}txt\u{2066}\u{200B}\u{FEFF}", #"rtl\u{202E}txt\u{2066}\u{200B}\u{FEFF}"#),
    ])
    func escapesWhatATerminalWouldActOn(_ input: String, _ shown: String) {
        #expect(TerminalText.escaped(input) == shown)
    }

    @Test func quotingEscapesQuotesAndBackslashesOnly() {
        #expect(TerminalText.quoted(#"say "hi" \ bye"#) == #""say \"hi\" \\ bye""#)
        #expect(TerminalText.escaped(#"say "hi" \ bye"#) == #"say "hi" \ bye"#)
    }

    @Test func theLimitBoundsThePrintedLengthEvenForEscapes() {
        let escapes = String(repeating: "\u{1B}", count: 1000)
        let cut = TerminalText.escaped(escapes, limit: 60)
        #expect(cut == String(repeating: #"\u{1B}"#, count: 10) + "…")
        #expect(TerminalText.quoted(String(repeating: "x", count: 100), limit: 5) == "\"xxxxx…\"")
        #expect(TerminalText.quoted("xxxxx", limit: 5) == "\"xxxxx\"", "not cut at exactly the limit")
    }
}
