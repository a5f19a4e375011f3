"""gofeed's suite: the expected JSON beside each feed (format-level structs for parser/*,
the universal one for translator/*), compared field by field (conformance.py has the rules)."""
import json
import os

from conformance_common import author_spellings, instant, run_chorus, text_matches, text_of_html, ws

GOFEED_FEED_NA = "feed-level metadata"

# Item keys gofeed fills that Chorus's schema deliberately does not carry, with the reason
# (counted as "deliberate difference"; the feedparser side has the same list, DELIBERATE_KEYS).
DELIBERATE_KEYS = {
    "comments": "no comments URL in schema v1 (a new key would change every line of every platform)",
    "source": "an entry's source feed is not the feed it was read from; `feed` is the latter",
    "contributors": "one author per item (docs/schema.md)",
    "rights": "no rights or license field in the schema",
    "image": "item artwork is not an attachment; the schema has no image field",
    "banner_image": "item artwork is not an attachment; the schema has no image field",
    "external_url": "JSON Feed external_url links elsewhere, not to the item",
}


def go_checks(expected, items, suite):
    """(field, ok, expected, actual) for each comparable value of the expected JSON."""
    out = []
    key = "entries" if suite == "parser/atom" else "items"
    exp_items = expected.get(key)
    if exp_items is None:
        return out, ["feed-level metadata"]
    na = []
    out.append(("count", len(exp_items) == len(items), len(exp_items), len(items)))
    for i, e in enumerate(exp_items):
        if i >= len(items):
            break
        it = items[i]
        def add(field, ok, exp, act):
            out.append((field, ok, exp, act))
        literal = suite.startswith("parser/")
        if "title" in e:
            add("title", text_matches(e["title"], it["title"], literal), e["title"], it["title"])
        # url
        if suite == "parser/atom":
            alt = [l for l in e.get("links", []) if l.get("rel") in (None, "", "alternate")]
            if alt:
                add("url", alt[0].get("href") == it["url"], alt[0].get("href"), it["url"])
            encl = [l for l in e.get("links", []) if l.get("rel") == "enclosure"]
            if encl:
                add("enclosures", [l.get("href") for l in encl] == [x["url"] for x in it["enclosures"]],
                    [l.get("href") for l in encl], [x["url"] for x in it["enclosures"]])
            if any(l.get("rel") not in (None, "", "alternate", "enclosure") for l in e.get("links", [])):
                na.append("links Chorus does not carry")
        elif "link" in e:
            add("url", e["link"] == it["url"], e["link"], it["url"])
        # ids: Chorus keeps an id as written; a relative one is not resolved against xml:base
        # (an id names, it does not locate; docs/schema.md), and child markup is read as text.
        ids = [e["id"]] if "id" in e else []
        if "guid" in e:
            ids.append(e["guid"]["value"] if isinstance(e["guid"], dict) else e["guid"])
        for g in ids:
            nid = it["native_id"]
            if nid and "://" not in nid and g.endswith("/" + nid) and g != nid:
                na.append("relative id resolved by the peer (Chorus keeps ids as written)")
                continue
            add("native_id", g == nid or text_of_html(g) == nid, g, nid)
        # text
        content = e.get("content")
        if isinstance(content, dict):
            content = content.get("value")
        if content is None:
            content = e.get("content_html") or e.get("content_text")
        summary = e.get("summary") if suite in ("parser/atom", "parser/json") else e.get("description")
        if content:
            add("text", text_matches(content, it["text"], literal), content, it["text"])
        elif summary:
            add("text", text_matches(summary, it["text"], literal), summary, it["text"])
        # author
        a = it.get("author") or {}
        exp_auth = None
        if "authors" in e and e["authors"]:
            exp_auth = e["authors"][0]
        elif isinstance(e.get("author"), dict):
            exp_auth = e["author"]
        elif isinstance(e.get("author"), str):
            s = e["author"]
            add("author", ws(s) in author_spellings(a) or text_of_html(s) in author_spellings(a), s, a)
        if exp_auth:
            for k, ck in (("name", "name"), ("email", "email"), ("uri", "url"), ("url", "url")):
                if exp_auth.get(k):
                    add("author", text_matches(exp_auth[k], a.get(ck)) if k == "name" else exp_auth[k] == a.get(ck),
                        exp_auth[k], a.get(ck))
        # dates
        for k in ("publishedParsed", "pubDateParsed", "date_published"):
            if e.get(k):
                add("published_at", instant(e[k]) == instant(it["published_at"]), e[k], it["published_at"])
        for k in ("updatedParsed", "date_modified"):
            if e.get(k):
                act = it["updated_at"] or it["published_at"]
                add("updated_at", instant(e[k]) == instant(act), e[k], act)
        # tags
        cats = e.get("categories") or e.get("tags")
        if cats:
            terms = [c if isinstance(c, str) else (c.get("term") or c.get("value")) for c in cats]
            if None in terms:
                na.append("category without a term (Chorus falls back to its label)")
            else:
                add("tags", len(terms) == len(it["tags"]) and all(
                    text_matches(t, c, literal) for t, c in zip(terms, it["tags"])), terms, it["tags"])
        # enclosures
        encs = e.get("enclosures") or ([e["enclosure"]] if e.get("enclosure") else None) or e.get("attachments")
        if encs:
            exp = [(x.get("url"), x.get("type") or x.get("mime_type"),
                    str(x.get("length") or x.get("size_in_bytes")) if (x.get("length") or x.get("size_in_bytes")) else None)
                   for x in encs]
            act = [(x["url"], x["type"], None if x["length"] is None else str(x["length"])) for x in it["enclosures"]]
            add("enclosures", exp == act[:len(exp)], exp, act)
        for k in e:
            if k in ("extensions", "itunesExt", "dublinCoreExt", "image", "custom", "comments", "source",
                     "contributors", "rights", "external_url", "banner_image"):
                if k in DELIBERATE_KEYS:
                    na.append("deliberate difference: " + DELIBERATE_KEYS[k])
                else:
                    na.append({"itunesExt": "itunes module", "dublinCoreExt": "raw Dublin Core keys"}.get(k, k))
    return out, na


def gofeed_cases(cache):
    root = os.path.join(cache, "gofeed", "testdata")
    for suite in ("parser/atom", "parser/rss", "translator/atom", "translator/rss", "extensions/itunes"):
        d = os.path.join(root, suite)
        for f in sorted(os.listdir(d)):
            if f.endswith(".xml"):
                exp = os.path.join(d, f[:-4] + ".json")
                if os.path.exists(exp):
                    yield suite, os.path.join(d, f), exp
    d = os.path.join(root, "parser", "json")
    for f in sorted(os.listdir(d)):
        if f.endswith("_expected.json"):
            yield "parser/json", os.path.join(d, f.replace("_expected", "")), os.path.join(d, f)


def go_case(chorus, suite, path, exp_path):
    expected = json.load(open(exp_path, encoding="utf-8"))
    items, rc, err = run_chorus(chorus, path, "http://example.org/feed")
    checks, na = go_checks(expected, items, suite)
    return checks, na, (rc, err)
