#!/usr/bin/env python3
"""The Python peer: json.loads each saved Mastodon response and walk the dicts, building
the same fields Chorus builds (id hash, text from HTML, author handle, dates, metrics,
kind, tags, relations). Prints `<items> <bytes>`."""
import hashlib
import html
import re
import sys
from datetime import datetime
from urllib.parse import urlsplit

TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")


def plain(h):
    if not h:
        return None
    t = SPACE.sub(" ", html.unescape(TAG.sub(" ", h))).strip()
    return t or None


def date(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")) if s else None


def item(s):
    body = s.get("reblog") or s
    acct = s.get("account") or {}
    handle = acct.get("acct")
    if handle and "@" not in handle and acct.get("url"):
        handle = f"{handle}@{urlsplit(acct['url']).hostname}"
    return {
        "id": hashlib.sha256(f"mastodon\n\n{s['uri']}".encode()).hexdigest()[:32],
        "native_id": s["id"],
        "kind": "repost" if s.get("reblog") else ("reply" if s.get("in_reply_to_id") else "post"),
        "url": s.get("url") or s["uri"],
        "text": plain(body.get("content")),
        "lang": body.get("language") or None,
        "author": {"name": acct.get("display_name") or None, "handle": handle, "url": acct.get("url")},
        "published_at": date(s.get("created_at")),
        "updated_at": date(s.get("edited_at")),
        "tags": [t["name"] for t in body.get("tags") or []],
        "enclosures": [m.get("url") for m in body.get("media_attachments") or []],
        "metrics": {"likes": s.get("favourites_count"), "reposts": s.get("reblogs_count"),
                    "replies": s.get("replies_count"), "quotes": s.get("quotes_count")},
        "in_reply_to": s.get("in_reply_to_id"),
        "repost_of": (s.get("reblog") or {}).get("uri"),
        "content_warning": body.get("spoiler_text") or None,
    }


import json

count = 0
size = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        data = f.read()
    size += len(data)
    for status in json.loads(data):
        item(status)
        count += 1
print(count, size)
