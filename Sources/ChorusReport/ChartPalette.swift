/// Colours of the charts: the Okabe–Ito set, chosen to stay apart for the common kinds of colour
/// blindness, with a dash pattern per line so groups never rely on colour alone. The page's
/// stylesheet redefines the same classes for the dark scheme; the SVG attributes carry the
/// light colours so a chart copied out of the page still draws.
enum ChartPalette {
    /// Light-scheme colour per label (positive blue, negative vermillion, neutral grey, mixed
    /// reddish purple, not scored pale grey).
    static func light(_ label: ReportLabel) -> String {
        switch label {
        case .positive: "#0072B2"
        case .negative: "#D55E00"
        case .neutral: "#8C8C8C"
        case .mixed: "#CC79A7"
        case .notScored: "#D0D0D0"
        }
    }

    /// Dark-scheme colour per label.
    static func dark(_ label: ReportLabel) -> String {
        switch label {
        case .positive: "#56B4E9"
        case .negative: "#E69F00"
        case .neutral: "#A0A0A0"
        case .mixed: "#CC79A7"
        case .notScored: "#555555"
        }
    }

    /// Line colours per group, light scheme.
    static let groupsLight = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
    /// Line colours per group, dark scheme.
    static let groupsDark = ["#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#D55E00"]
    /// Dash patterns per group (empty: solid).
    static let dashes = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2"]

    /// How many groups get a line of their own.
    static var maxGroups: Int { groupsLight.count }

    /// A CSS class name for a label (`l-positive`).
    static func labelClass(_ label: ReportLabel) -> String { "l-" + label.rawValue.replacingOccurrences(of: "_", with: "-") }
}
