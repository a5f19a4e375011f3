public import Foundation
public import ChorusModel

/// Settings of the sentiment stage: which lexicon and rule files to load, the label
/// thresholds, mixed detection, languages and how an item's title and text combine.
///
/// Every property has a documented default, so `SentimentConfiguration()` is the shipped
/// behaviour. The run stage maps the YAML `sentiment:` section onto it key by key
/// (`positive_threshold` → `positiveThreshold`, and so on; see docs/sentiment.md).
public struct SentimentConfiguration: Sendable, Equatable {
    /// Extra English lexicon files in VADER's format (`token<TAB>valence[<TAB>...]`, valence
    /// −4…+4, `#` comments allowed). Loaded after the defaults; a later file overrides an
    /// earlier entry for the same token. Default: none.
    public var lexiconFiles: [URL]

    /// Extra Chinese lexicon files (same format; tokens are Han words used for segmentation).
    /// Default: none.
    public var chineseLexiconFiles: [URL]

    /// Extra rule files (YAML, the format of `Config/sentiment/rules-en.yaml`). A rule with the
    /// name of an earlier one replaces it. Default: none.
    public var ruleFiles: [URL]

    /// When true the shipped lexicons (`lexicon-en.tsv`, `lexicon-zh.tsv`) are not loaded and
    /// only `lexiconFiles` / `chineseLexiconFiles` are used. Default: false (add, not replace).
    public var replaceDefaultLexicons: Bool

    /// When true the shipped rule files (`rules-en.yaml`, `rules-zh.yaml`) are not loaded and
    /// only `ruleFiles` are used. The boosters, negators and idioms in the shipped files go
    /// too unless a user file provides them. Default: false.
    public var replaceDefaultRules: Bool

    /// Names of rules (or heuristics, e.g. `caps-emphasis`) to switch off. Default: none.
    public var disabledRules: Set<String>

    /// Compound at or above this is `positive`. Default: 0.05.
    public var positiveThreshold: Double

    /// Compound at or below this is `negative`. Default: −0.05.
    public var negativeThreshold: Double

    /// `mixed` when both the `pos` and the `neg` proportion reach this value and a strong
    /// positive and a strong negative contribution (|valence| ≥ 1.5 before the contrast
    /// weighting) both appear. Default: 0.15.
    /// Set above 1 to never label `mixed`.
    public var mixedThreshold: Double

    /// Score Chinese (Han script) text with the Chinese lexicon and rules. When false, Han
    /// text is neutral with the `lang-unsupported` rule. Default: true.
    public var chineseEnabled: Bool

    /// Weight of the title when an item has both a title and a text: the item's compound is
    /// `titleWeight * title + (1 - titleWeight) * text`. Default: 0.3.
    public var titleWeight: Double

    /// Texts with more sentences than this and longer than a post (320 bytes) are scored
    /// sentence by sentence and the sentence compounds averaged, so one paragraph cannot swamp
    /// the rest. Other texts are scored as a whole, as social posts are. Default: 4.
    public var wholeTextMaxSentences: Int

    /// Directory holding the shipped files (`lexicon-en.tsv`, `rules-en.yaml`, ...). When nil
    /// it is found with the search order in `SentimentResources.searchPath` (`$CHORUS_SHARE`,
    /// beside the binary, the repository's `Config/sentiment`). Default: nil.
    public var shareDirectory: URL?

    /// Directory for the compiled copy of the shipped vocabulary (`VocabularyCache`), used when
    /// no extra lexicon or rule files are configured. Default: `$CHORUS_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/chorus`, else `~/.cache/chorus`; nil (no cache) when
    /// `CHORUS_CACHE_DIR` is `off`.
    public var vocabularyCache: URL? = SentimentConfiguration.defaultCacheDirectory()

    /// The default `vocabularyCache` for this environment.
    public static func defaultCacheDirectory(
        _ environment: [String: String] = EnvironmentVariables.named("CHORUS_CACHE_DIR", "XDG_CACHE_HOME", "HOME")
    ) -> URL? {
        if let dir = environment["CHORUS_CACHE_DIR"], !dir.isEmpty {
            return dir == "off" ? nil : URL(fileURLWithPath: dir, isDirectory: true)
        }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("chorus", isDirectory: true)
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache/chorus", isDirectory: true)
        }
        return nil
    }

    /// The shipped behaviour, with every default listed above.
    public init(
        lexiconFiles: [URL] = [],
        chineseLexiconFiles: [URL] = [],
        ruleFiles: [URL] = [],
        replaceDefaultLexicons: Bool = false,
        replaceDefaultRules: Bool = false,
        disabledRules: Set<String> = [],
        positiveThreshold: Double = 0.05,
        negativeThreshold: Double = -0.05,
        mixedThreshold: Double = 0.15,
        chineseEnabled: Bool = true,
        titleWeight: Double = 0.3,
        wholeTextMaxSentences: Int = 4,
        shareDirectory: URL? = nil
    ) {
        self.lexiconFiles = lexiconFiles
        self.chineseLexiconFiles = chineseLexiconFiles
        self.ruleFiles = ruleFiles
        self.replaceDefaultLexicons = replaceDefaultLexicons
        self.replaceDefaultRules = replaceDefaultRules
        self.disabledRules = disabledRules
        self.positiveThreshold = positiveThreshold
        self.negativeThreshold = negativeThreshold
        self.mixedThreshold = mixedThreshold
        self.chineseEnabled = chineseEnabled
        self.titleWeight = titleWeight
        self.wholeTextMaxSentences = wholeTextMaxSentences
        self.shareDirectory = shareDirectory
    }
}
