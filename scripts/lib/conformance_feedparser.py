"""feedparser's suite: each file's `Expect:` expression evaluated against Chorus's items,
through stand-ins that map feedparser's keys onto Chorus's fields (conformance.py has the rules)."""
import datetime
import json
import os
import re
import time
import urllib.parse

from conformance_common import NotApplicable, author_spellings, instant, run_chorus, text_matches, text_of_html, ws


# Cases where Chorus differs from the peer by design, each with the reason (counted as not
# applicable under "deliberate difference", listed with -v).
DELIBERATE = {
    # DTD-declared entities are never expanded (docs/parsing.md, Safety: no XXE, no billion laughs).
    "wellformed/rss/entity_in_doctype.xml": "DTD entities are not expanded",
    # An element repeated in one entry: Chorus keeps the first, feedparser the last.
    "wellformed/atom/entry_updated_multiple_values.xml": "repeated element: Chorus keeps the first",
    # Atom 0.3 `issued` and a stray Atom 1.0 `published` in the 0.3 namespace: first one wins.
    "wellformed/atom/entry_published_parsed_date_overwriting.xml": "repeated element: Chorus keeps the first",
    # feedparser maps an RSS <summary> onto its content list; Chorus has one body.
    "wellformed/rss/item_description_and_summary.xml": "one body per item",
    "wellformed/rss/item_summary_and_description.xml": "one body per item",
    # feedparser lists the RSS enclosure as the entry's first link; Chorus keeps url and enclosures apart.
    "wellformed/rss/item_enclosure_url.xml": "links list order",
    # Atom 0.3 base64 with no type is text/plain (the spec's default); feedparser guesses HTML.
    "wellformed/atom/entry_title_base64_2.xml": "Atom 0.3 default type is text/plain",
    "wellformed/atom/entry_summary_base64_2.xml": "Atom 0.3 default type is text/plain",
    # Atom ids name, they do not locate: Chorus keeps a relative id as written (docs/schema.md).
    "wellformed/base/http_entry_id_base_content_location.xml": "relative ids are kept as written",
    "wellformed/base/http_entry_id_base_docuri.xml": "relative ids are kept as written",
    # `<![CDATA[<script></script>]]&gt;` in HTML: the dropped script separates the words around
    # it, as every dropped element does (docs/parsing.md); feedparser joins them.
    "wellformed/sanitize/item_content_encoded_script_nested_cdata.xml": "a dropped element separates words",
}

# Entry values feedparser reads that Chorus's schema deliberately does not carry, by key
# prefix, with the reason (issue #11 looked at each; counted as "deliberate difference").
DELIBERATE_KEYS = [
    ("comments", "no comments URL in schema v1 (a new key would change every line of every platform)"),
    ("itunes_block", "podcast directory flags are not item content"),
    ("itunes_explicit", "podcast directory flags are not item content"),
    ("itunes_duration", "no media duration in the schema"),
    ("image", "episode artwork is not an attachment; the schema has no image field"),
    ("media_credit", "media credits, ratings, licenses and players describe the medium, not the item"),
    ("media_player", "media credits, ratings, licenses and players describe the medium, not the item"),
    ("media_thumbnail", "thumbnails are carried among enclosures, not apart"),
    ("expired", "an expiry date is not a publication date"),
    ("created", "a creation date is carried only as published_at's last fallback"),
    ("publisher", "dc:publisher names the publisher, not the author"),
    ("rights", "no rights or license field in the schema"),
    ("license", "no rights or license field in the schema"),
    ("copyright", "no rights or license field in the schema"),
    ("contributors", "one author per item (docs/schema.md)"),
    ("source", "an entry's source feed is not the feed it was read from; `feed` is the latter"),
    ("subtitle", "itunes:subtitle is carried as the last text fallback, not apart"),
]


class Failure(Exception):
    pass


class FPText:
    """A Chorus text field standing in for a feedparser string (compared by meaning)."""

    def __init__(self, value, field):
        self.value, self.field = value, field

    def __eq__(self, other):
        if isinstance(other, FPText):
            return ws(self.value) == ws(other.value)
        return text_matches(other, self.value)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __contains__(self, sub):
        return self.value is not None and (text_of_html(sub) or sub) in self.value

    def startswith(self, s):
        return self.value is not None and self.value.startswith(text_of_html(s))

    def __repr__(self):
        return repr(self.value)

    def __hash__(self):
        return hash(self.value)


class FPPlain(FPText):
    """A Chorus string compared as is (URLs, ids, emails)."""

    def __eq__(self, other):
        return self.value == other

    def __contains__(self, sub):
        return self.value is not None and sub in self.value


class FPDate:
    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        t = instant(self.value)
        if t is None:
            return other is None
        if isinstance(other, (tuple, time.struct_time)):
            return tuple(other)[:6] == (t.year, t.month, t.day, t.hour, t.minute, t.second)
        return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __repr__(self):
        return repr(self.value)


NA_PREFIXES = [
    ("where", "geo"), ("georss", "geo"), ("geo", "geo"), ("gml", "geo"),
    ("itunes", "itunes module"), ("media_", "media module (credits, ratings, ...)"),
    ("psc_", "psc chapters"), ("thr_", "threading module"), ("wfw_", "wfw module"),
    ("source", "entry source"), ("contributors", "contributors"), ("rights", "rights/license"),
    ("license", "rights/license"), ("publisher", "publisher"), ("comments", "comments URL"),
    ("created", "other dates"), ("expired", "other dates"), ("guidislink", "feedparser internals"),
    ("feedburner", "feedburner module"), ("image", "images"), ("cc", "rights/license"),
    ("dc_", "raw Dublin Core keys"), ("slash", "slash module"),
]


def na_for_key(key):
    for prefix, reason in DELIBERATE_KEYS:
        if key.startswith(prefix):
            return NotApplicable("deliberate difference: " + reason)
    for prefix, cat in NA_PREFIXES:
        if key.startswith(prefix):
            return NotApplicable(cat)
    return NotApplicable("other entry keys")


class FPDetail(dict):
    """`title_detail` and friends: only `value` and `language` are in Chorus's shape."""

    def __init__(self, value, lang, text=True):
        super().__init__()
        self.v, self.lang, self.text = value, lang, text

    def __getitem__(self, key):
        if key == "value":
            return FPText(self.v, "text") if self.text else FPPlain(self.v, "text")
        if key == "language":
            raise NotApplicable("per-element xml:lang (Chorus has one lang per item)")
        raise NotApplicable("*_detail types and bases")

    get = lambda self, k, d=None: self[k]


class FPMap(dict):
    """A dict whose missing keys raise NotApplicable (one category for the whole map).
    Compared with a dict, only the keys Chorus carries are compared."""

    def __init__(self, values, category, carried=()):
        super().__init__(values)
        self.category = category
        self.carried = set(carried) | set(values)

    def __eq__(self, other):
        if not isinstance(other, dict):
            return False
        return all(dict.get(self, k) == v for k, v in other.items() if k in self.carried)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __getattr__(self, key):
        if key.startswith("__"):
            raise AttributeError(key)
        return self[key]

    def __getitem__(self, key):
        if key not in self:
            raise NotApplicable(self.category)
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        return self[key] if key in self else default


class FPEntry:
    def __init__(self, item, raw_entry_has_content):
        self.item = item
        self.has_content = raw_entry_has_content
        self.used = set()

    def _author(self):
        a = self.item.get("author") or {}
        return a

    def __contains__(self, key):
        try:
            self[key]
            return True
        except KeyError:
            return False

    def get(self, key, default=None):
        try:
            v = self[key]
        except KeyError:
            return default
        return v

    def __getattr__(self, key):
        if key.startswith("__"):
            raise AttributeError(key)
        return self[key]

    def __getitem__(self, key):
        it = self.item
        if key == "title":
            self.used.add("title")
            return FPText(it["title"], "title")
        if key == "title_detail":
            self.used.add("title")
            return FPDetail(it["title"], it["lang"])
        if key == "link":
            self.used.add("url")
            if it["url"] is None:
                raise KeyError(key)
            return FPPlain(it["url"], "url")
        if key in ("id", "guid"):
            self.used.add("native_id")
            if it["native_id"] is None:
                raise KeyError(key)
            return FPPlain(it["native_id"], "native_id")
        if key in ("summary", "description", "summary_detail"):
            if self.has_content:
                raise NotApplicable("summary beside content (Chorus keeps the content)")
            self.used.add("text")
            if key == "summary_detail":
                return FPDetail(it["text"], it["lang"])
            return FPText(it["text"], "text")
        if key == "content":
            self.used.add("text")
            return [FPDetail(it["text"], it["lang"])]
        if key == "author":
            self.used.add("author")
            a = self._author()
            forms = author_spellings(a)
            if not forms:
                raise KeyError(key)
            return AuthorString(forms)
        if key in ("author_detail", "authors"):
            self.used.add("author")
            a = self._author()
            if not a:
                raise KeyError(key)
            d = {"name": FPText(a.get("name"), "author"), "email": FPPlain(a.get("email"), "author"),
                 "href": FPPlain(a.get("url"), "author")}
            d = FPMap({k: v for k, v in d.items() if v.value is not None}, "author detail keys")
            return SecondIsNA([d], "a second author") if key == "authors" else d
        if key in ("published_parsed", "issued_parsed"):
            self.used.add("published_at")
            return FPDate(it["published_at"])
        if key in ("updated_parsed", "modified_parsed"):
            self.used.add("updated_at")
            return FPDate(it["updated_at"] or it["published_at"])
        if key in ("published", "updated", "issued", "modified", "date"):
            raise NotApplicable("raw date strings")
        if key == "tags":
            self.used.add("tags")
            return MissingFails([FPMap({"term": t}, "tag scheme/label") for t in it["tags"]], "tags")
        if key == "category":
            self.used.add("tags")
            if not it["tags"]:
                raise KeyError(key)
            return FPPlain(it["tags"][0], "tags")
        if key == "enclosures":
            self.used.add("enclosures")
            return MissingFails([FPMap({k: v for k, v in (("href", e["url"]), ("url", e["url"]), ("type", e["type"]),
                                             ("length", None if e["length"] is None else str(e["length"])))
                           if v is not None}, "enclosure details", ("href", "url", "type", "length"))
                    for e in it["enclosures"]], "enclosures")
        if key == "links":
            self.used.add("url")
            links = []
            if it["url"] is not None:
                links.append(FPMap({"rel": "alternate", "href": it["url"]}, "link details", ("rel", "href")))
            for e in it["enclosures"]:
                d = {"rel": "enclosure", "href": e["url"]}
                if e["type"] is not None:
                    d["type"] = e["type"]
                if e["length"] is not None:
                    d["length"] = str(e["length"])
                links.append(FPMap(d, "link details", ("rel", "href", "type", "length")))
            return LinkList(links)
        if key in ("language",):
            self.used.add("lang")
            return FPPlain(it["lang"], "lang")
        raise na_for_key(key)


class AuthorString:
    def __init__(self, forms):
        self.forms = forms

    def __eq__(self, other):
        return ws(other) in self.forms

    def __ne__(self, other):
        return not self.__eq__(other)

    def __repr__(self):
        return repr(sorted(self.forms))


class SecondIsNA(list):
    def __init__(self, values, category):
        super().__init__(values)
        self.category = category

    def __getitem__(self, i):
        if i != 0:
            raise NotApplicable(self.category)
        return list.__getitem__(self, i)


class FieldMissing(Exception):
    def __init__(self, field):
        super().__init__(field)
        self.field = field


class MissingFails(list):
    def __init__(self, values, field):
        super().__init__(values)
        self.field = field

    def __getitem__(self, i):
        try:
            return list.__getitem__(self, i)
        except IndexError:
            raise FieldMissing(self.field)


class LinkList(list):
    def __getitem__(self, i):
        try:
            return list.__getitem__(self, i)
        except IndexError:
            raise NotApplicable("links Chorus does not carry (related, via, ...)")


class EntryList(list):
    def __getitem__(self, i):
        try:
            return list.__getitem__(self, i)
        except IndexError:
            raise Failure(f"entry {i} missing (chorus printed {len(self)})")


class FPFeed:
    def __init__(self, items, used):
        self.items, self.used = items, used

    def _feed(self):
        if not self.items or not self.items[0].get("feed"):
            raise NotApplicable("feed-level metadata (no item carries it)")
        return self.items[0]["feed"]

    def __getitem__(self, key):
        if key == "title":
            self.used.add("feed")
            return FPText(self._feed().get("title"), "feed")
        if key == "link":
            self.used.add("feed")
            return FPPlain(self._feed().get("url"), "feed")
        raise NotApplicable("feed-level metadata")

    get = lambda self, k, d=None: self[k]

    def __getattr__(self, key):
        if key.startswith("__"):
            raise AttributeError(key)
        return self[key]

    def __contains__(self, key):
        raise NotApplicable("feed-level metadata")


def fp_expectation(text):
    m = re.search(r"^\s*Expect:\s*(.+?)\s*$", text, re.M)
    if not m:
        return None
    return m.group(1)


def fp_headers(text):
    return {k.strip().lower(): v.strip() for k, v in re.findall(r"^Header:\s+([^:]+):(.+)$", text, re.M)}


def strip_bozo(expr):
    """Drops feedparser's well-formedness flag: Chorus reports recovery, not bozo."""
    e = expr.strip()
    e = re.sub(r"^(not\s+)?bozo\s+and\s+", "", e)
    e = re.sub(r"\s+and\s+(not\s+)?bozo\s*$", "", e)
    if re.fullmatch(r"(not\s+)?bozo|1|True", e):
        return None
    if re.search(r"\bbozo\b", e):
        return None
    return e


def entry_has_content(raw, index):
    """Whether the index-th entry in the raw document has a content element next to a summary."""
    parts = re.split(r"<(?:[A-Za-z0-9_]+:)?(?:entry|item)[\s>]", raw)
    if len(parts) <= index + 1:
        return False
    body = parts[index + 1]
    return bool(re.search(r"<(?:[A-Za-z0-9_]+:)?(?:content|encoded|body|fullitem)[\s>/]", body)) and \
        bool(re.search(r"<(?:[A-Za-z0-9_]+:)?(?:summary|description|abstract)[\s>/]", body))


def sanitizer_keeps_more(raw, expr, item, fields):
    """feedparser's sanitizer drops unsafe tags but keeps some of their text (an iframe's
    fallback text, a document's <title>, script text its regexes miss); Chorus drops the
    content of head, title, script, style, iframe, object, ... with the element
    (docs/parsing.md). Such a case is a deliberate difference when the page holds one of those
    elements and Chorus's text is part of the expected text."""
    field = "title" if "title" in fields else "text"
    value = item.get(field)
    if not value or "==" not in expr:
        return False
    if not re.search(r"(<|&lt;)(iframe|object|applet|embed|noembed|noframes|frame|head|title|script)\b", raw, re.I):
        return False
    try:
        expected = eval(expr.split("==", 1)[1], {"__builtins__": {}})
    except Exception:
        return False
    return isinstance(expected, str) and ws(value) in ws(text_of_html(expected) + " " + expected)


def fp_case(chorus, path, rel):
    raw = open(path, "rb").read().decode("utf-8", "replace")
    expr = fp_expectation(raw)
    if expr is None:
        return ("na", "no Expect line", [], None, None)
    expr = strip_bozo(expr)
    if expr is None:
        return ("na", "bozo flag only", [], None, None)
    if rel in DELIBERATE:
        return ("na", "deliberate difference: " + DELIBERATE[rel], [], None, None)
    if "/cdf/" in path or os.path.basename(path).startswith("cdf_"):
        return ("na", "CDF (Channel Definition Format, not read by Chorus)", [], None, None)
    headers = fp_headers(raw)
    base = "http://127.0.0.1:8097/tests/" + rel
    if "content-location" in headers:
        base = urljoin(base, headers["content-location"])
    items, rc, err = run_chorus(chorus, path, base)
    entries = EntryList()
    used = set()
    for i, item in enumerate(items):
        entries.append(FPEntry(item, entry_has_content(raw, i)))

    class Namespace(dict):
        def __missing__(self, name):
            raise NotApplicable("feed-level metadata")

    ns = Namespace(entries=entries, feed=FPFeed(items, used), bozo=False, u=str, len=len,
                   time=time, datetime=datetime)
    fields = set()
    try:
        ok = bool(eval(expr, {"__builtins__": {"len": len, "str": str, "int": int, "tuple": tuple,
                                               "isinstance": isinstance, "list": list, "dict": dict,
                                               "True": True, "False": False, "None": None}}, ns))
    except NotApplicable as e:
        return ("na", e.category, [], expr, None)
    except Failure as e:
        return ("fail", None, ["count"], expr, str(e))
    except FieldMissing as e:
        ok = False
        fields.add(e.field)
    except (KeyError, TypeError, AttributeError, IndexError) as e:
        ok = False
        fields.add("other")
    for en in entries:
        fields |= en.used
    fields |= used
    if re.match(r"^\s*len\(entries\)", expr):
        fields.add("count")
    if not fields:
        return ("na", "nothing Chorus carries", [], expr, None)
    if not ok and len(fields) == 1 and "/sanitize/" in rel and items and sanitizer_keeps_more(raw, expr, items[0], fields):
        return ("na", "deliberate difference: text of head/script/embedded elements dropped", [], expr, None)
    actual = json.dumps([{k: it[k] for k in ("title", "url", "native_id", "text", "author", "published_at",
                                             "updated_at", "tags", "enclosures", "lang", "feed")} for it in items][:2],
                        ensure_ascii=False)
    if rc not in (0,) and not items:
        actual = f"exit {rc}: {err.strip()[:300]}"
    return ("pass" if ok else "fail", None, sorted(fields), expr, actual)


def urljoin(base, ref):
    return urllib.parse.urljoin(base, ref)


def feedparser_cases(cache):
    root = os.path.join(cache, "feedparser", "tests")
    for sub in ("wellformed", "illformed"):
        for dirpath, _, files in os.walk(os.path.join(root, sub)):
            for f in sorted(files):
                if f.endswith((".xml", ".rdf", ".atom", ".rss")):
                    path = os.path.join(dirpath, f)
                    yield path, os.path.relpath(path, root)
