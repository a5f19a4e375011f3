"""What the conformance scoring shares: plain-text and date normalization, running chorus.
See conformance.py for the rules."""
import html.parser
import json
import re
import subprocess
import datetime

FETCHED_AT = "2000-01-01T00:00:00Z"


class NotApplicable(Exception):
    def __init__(self, category):
        super().__init__(category)
        self.category = category


def ws(s):
    if s is None:
        return None
    return re.sub(r"\s+", " ", str(s).replace("\u00a0", " ")).strip()


DROPPED = {"script", "style", "head", "noscript", "object", "applet", "iframe", "frame",
           "noembed", "noframes", "meta", "link", "title"}


class _TextOf(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED and tag not in ("meta", "link"):
            self.skip += 1
        elif tag in ("br", "p", "div", "li", "tr", "td", "th", "img", "h1", "h2", "h3"):
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in DROPPED and tag not in ("meta", "link") and self.skip:
            self.skip -= 1
        elif tag in ("p", "div", "li", "tr", "td", "th"):
            self.out.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def text_of_html(s):
    p = _TextOf()
    p.feed(s)
    p.close()
    return ws("".join(p.out))


def text_matches(expected, actual, literal=False):
    """Expected HTML (or literal text) against Chorus's plain text, both whitespace-collapsed.
    `literal`: the peer's value is the element's text as written (gofeed's format parsers),
    so equal text passes too."""
    if expected is None or text_of_html(expected) == "":
        return actual is None or ws(actual) == ""
    if actual is None:
        return False
    a = ws(actual)
    if literal and ws(expected) == a:
        return True
    once = text_of_html(expected)
    if once == a:
        return True
    # Escaped markup inside markup is read as markup by Chorus on purpose (docs/parsing.md:
    # an XHTML div holding only escaped markup; double-escaped titles).
    if "<" in once and text_of_html(once) == a:
        return True
    # A peer's literal text that only looks like markup (no reference in it).
    return "&" not in expected and ws(expected) == a


def instant(value):
    """An RFC 3339 string (any offset, fractions) as a naive UTC datetime, whole seconds."""
    if value is None:
        return None
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d))?(?:\.\d+)?(Z|[+-]\d\d:?\d\d)?$",
                 value.strip())
    if not m:
        return None
    y, mo, d, h, mi, s, z = m.groups()
    t = datetime.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
    if z and z != "Z":
        sign = 1 if z[0] == "+" else -1
        z = z[1:].replace(":", "")
        t -= sign * datetime.timedelta(hours=int(z[:2]), minutes=int(z[2:]))
    return t


def author_spellings(author):
    if not author:
        return set()
    name, email = author.get("name"), author.get("email")
    forms = {x for x in (name, email) if x}
    if name and email:
        forms |= {f"{name} ({email})", f"{email} ({name})", f"{name} <{email}>"}
    return {ws(f) for f in forms}


def run_chorus(chorus, path, base_url=None):
    cmd = [chorus, "parse", "--fetched-at", FETCHED_AT]
    if base_url:
        cmd += ["--base-url", base_url]
    cmd.append(path)
    p = subprocess.run(cmd, capture_output=True, timeout=60)
    items = []
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        if line.strip():
            items.append(json.loads(line))
    return items, p.returncode, p.stderr.decode("utf-8", "replace")
