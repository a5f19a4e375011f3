/// The page's only stylesheet, inline: system fonts, a light and a dark scheme (through
/// `prefers-color-scheme`), one column that fits 360 px, tables that scroll sideways on their
/// own instead of widening the page.
enum ReportStylesheet {
    static var css: String {
        var s = """
            :root{color-scheme:light dark;--bg:#ffffff;--fg:#1d1d1f;--muted:#5f6368;--card:#f5f6f8;--line:#d9dce1;--link:#0057a3}
            @media (prefers-color-scheme:dark){:root{--bg:#16181c;--fg:#e8eaed;--muted:#a6abb3;--card:#22252b;--line:#3a3f47;--link:#8ab4f8}}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
            main{max-width:60rem;margin:0 auto;padding:1rem}
            h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}
            h3{font-size:1rem;margin:1rem 0 .3rem}
            a{color:var(--link);overflow-wrap:anywhere}
            .meta,.note,figcaption{color:var(--muted);font-size:.9rem}
            .tiles{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;list-style:none}
            .tiles li{background:var(--card);border-radius:.4rem;padding:.4rem .7rem;min-width:7rem}
            .tiles b{display:block;font-size:1.3rem}
            figure{margin:0}
            svg.chart{display:block;width:100%;min-width:34rem;height:auto}
            svg.chart text{font-family:inherit}
            .legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;padding:0;margin:.3rem 0;list-style:none;font-size:.85rem}
            .legend svg{vertical-align:middle;margin-right:.3rem}
            .scroll{overflow-x:auto;max-width:100%}
            table{border-collapse:collapse;font-size:.85rem;margin:.3rem 0}
            th,td{padding:.2rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            details{margin:.4rem 0}summary{cursor:pointer;color:var(--muted)}
            ol.items{list-style:none;padding:0;margin:0}
            ol.items>li{background:var(--card);border-radius:.4rem;padding:.5rem .7rem;margin:.4rem 0}
            .item .head{font-size:.85rem;color:var(--muted)}
            .item blockquote{margin:.3rem 0;overflow-wrap:anywhere}
            .badge{display:inline-block;border-left:.7rem solid var(--line);background:var(--bg);border-radius:.2rem;padding:0 .4rem;font-size:.8rem;font-weight:600}
            code{font-size:.8rem;background:var(--bg);border:1px solid var(--line);border-radius:.25rem;padding:0 .25rem;margin:0 .1rem;display:inline-block}
            .turn{border-left:4px solid var(--line);padding-left:.6rem;margin:.8rem 0}
            svg .all{stroke:var(--fg)}svg .all circle{fill:var(--fg)}
            svg .grid text,svg .axis{fill:var(--muted)}svg .ink{fill:var(--fg)}

            """
        s += labelRules(dark: false)
        s += "@media (prefers-color-scheme:dark){\n" + labelRules(dark: true) + "}\n"
        return s
    }

    /// Colour rules for the label and group classes of one scheme.
    private static func labelRules(dark: Bool) -> String {
        var s = ""
        for label in ReportLabel.allCases {
            let c = dark ? ChartPalette.dark(label) : ChartPalette.light(label)
            let cls = ChartPalette.labelClass(label)
            s += "svg .\(cls){fill:\(c)}.badge.\(cls){border-color:\(c)}\n"
        }
        let groups = dark ? ChartPalette.groupsDark : ChartPalette.groupsLight
        for (i, c) in groups.enumerated() {
            s += "svg .g\(i){stroke:\(c)}svg .g\(i) circle{fill:\(c)}\n"
        }
        if dark { s += "svg .tagcell{fill:#3ddc97}\n" }
        return s
    }
}
