#!/usr/bin/env python3
"""Scores `chorus parse` against feedparser's and gofeed's conformance expectations.

Run through scripts/conformance, which fetches the suites into .cache/conformance/.

What counts. Only expectations about what Chorus's item shape carries (docs/schema.md) are
scored, each under one field: count (number of entries), title, url, native_id, author (name,
email, url), published_at, updated_at, text (content or summary), lang, tags, enclosures,
feed (feed title and link, seen on each item). Everything else is "not applicable" and
counted under a category: bozo flags, feed-level metadata with no item to carry it, feedparser
internals (`*_detail` types, raw date strings, sanitizer-only markup questions), and modules
Chorus does not output (geo, itunes flags, psc chapters, media credits, ...).

Normalized meaning, where Chorus deliberately differs from the peers:
  - Text. feedparser and gofeed hand back HTML (feedparser escapes a text construct into
    HTML, so `<title type="text">a &lt;b&gt;</title>` is expected as `a &lt;b&gt;`); Chorus
    writes plain text. An expected value is turned into plain text by the rules of
    docs/parsing.md (tags dropped, script/style/... content dropped, entities decoded,
    whitespace collapsed) and compared with Chorus's value, whitespace collapsed too. Where
    a peer returned literal text that is not HTML (`History of the <blink> tag`), the value
    as written also passes.
  - Summary vs content. Chorus keeps one body, the richest (content before summary). An
    expected summary of an entry that also has a content element is not applicable.
  - Dates. Peers give parsed tuples or RFC 3339 strings in the document's zone; Chorus writes
    UTC, whole seconds. Both are compared as UTC instants to the second. A peer's
    `updated` falls back to Chorus's published_at when updated_at is null (Chorus sets
    published_at from an Atom `updated` when there is no `published`).
  - Authors. feedparser joins name and email as `Name (email)`; gofeed's RSS parser keeps the
    raw `email (Name)` string. Chorus splits them; the expected string passes when it is one
    of the usual spellings of Chorus's name and email.
  - Only the first author is carried; expectations about a second author or contributors are
    not applicable.
  - Values the schema deliberately does not carry (a comments URL, rights, artwork, ...) are
    named with the reason in DELIBERATE_KEYS (conformance_feedparser.py, conformance_gofeed.py);
    whole cases that differ by design, in DELIBERATE (conformance_feedparser.py).
"""
import argparse
import concurrent.futures
import json
import os

from conformance_feedparser import feedparser_cases, fp_case
from conformance_gofeed import go_case, gofeed_cases

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", required=True)
    ap.add_argument("--chorus", default=os.path.join(ROOT, ".build", "debug", "chorus"))
    ap.add_argument("--suite", choices=["feedparser", "gofeed"])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--json", help="write per-case results here")
    args = ap.parse_args()
    chorus = os.path.abspath(args.chorus)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    failures = []
    results = {}

    if args.suite in (None, "feedparser"):
        cases = list(feedparser_cases(args.cache))
        outs = list(pool.map(lambda c: (c[1], fp_case(chorus, c[0], c[1])), cases))
        per_field, na, total = {}, {}, [0, 0]
        for rel, (status, cat, fields, expr, actual) in outs:
            results[rel] = status
            if status == "na":
                na[cat] = na.get(cat, 0) + 1
                continue
            total[0] += status == "pass"
            total[1] += 1
            for f in fields:
                p = per_field.setdefault(f, [0, 0])
                p[0] += status == "pass"
                p[1] += 1
            if status == "fail":
                failures.append(f"feedparser {rel} [{','.join(fields)}]\n    expect: {expr}\n    chorus: {actual}")
        report("feedparser 6.0.11 (wellformed + illformed)", total, per_field, na)

    if args.suite in (None, "gofeed"):
        cases = list(gofeed_cases(args.cache))
        outs = list(pool.map(lambda c: (c, go_case(chorus, *c)), cases))
        per_field, na, total = {}, {}, [0, 0]
        for (suite, path, _), (checks, nas, (rc, err)) in outs:
            rel = os.path.join(suite, os.path.basename(path))
            if not checks:
                for c in set(nas) or {"feed-level metadata"}:
                    na[c] = na.get(c, 0) + 1
                continue
            for c in set(nas):
                na[c] = na.get(c, 0) + 1
            ok = all(c[1] for c in checks)
            results[rel] = "pass" if ok else "fail"
            total[0] += ok
            total[1] += 1
            for field in sorted({c[0] for c in checks}):
                p = per_field.setdefault(field, [0, 0])
                p[0] += all(c[1] for c in checks if c[0] == field)
                p[1] += 1
            for field, good, exp, act in checks:
                if not good:
                    extra = f" (exit {rc}: {err.strip()[:200]})" if rc else ""
                    failures.append(f"gofeed {rel} [{field}]\n    expected: {exp!r}\n    chorus:   {act!r}{extra}")
        report("gofeed 1.1.3 testdata (parser + translator + extensions)", total, per_field, na)

    if args.verbose and failures:
        print("\nfailures:")
        for f in failures:
            print(f)
    if args.json:
        json.dump(results, open(args.json, "w"), indent=1, sort_keys=True)


def report(title, total, per_field, na):
    share = total[0] / total[1] if total[1] else 0
    print(f"{title}: {total[0]}/{total[1]} applicable cases pass ({share:.4f})")
    for f in sorted(per_field):
        p = per_field[f]
        print(f"  {f:<13} {p[0]:>4}/{p[1]:<4} {p[0] / p[1]:.4f}")
    print(f"  not applicable: {sum(na.values())}")
    for c in sorted(na, key=lambda c: (-na[c], c)):
        print(f"    {na[c]:>4}  {c}")


if __name__ == "__main__":
    main()
