"""The Python peer of the ingest benchmark: what a careful Python user would write. A pool
of 16 threads fetches and parses every feed with feedparser (gzip, conditional GET with the
stored ETag), takes each entry's richest body (content:encoded, else the summary) as plain
text (tags stripped, entities decoded, as Chorus does), scores title and text with
vaderSentiment, drops ids seen in an earlier run, appends new entries as JSON lines, and saves the ETags and seen ids.
Usage: ingest_peer.py URLS_FILE STATE_DIR OUTPUT_FILE"""
import html
import json
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor

import feedparser
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")


def plain(markup):
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", markup or ""))).strip()


def main():
    urls = [u.strip() for u in open(sys.argv[1]) if u.strip()]
    state_dir, output = sys.argv[2], sys.argv[3]
    state_path = os.path.join(state_dir, "state.json")
    state = json.load(open(state_path)) if os.path.exists(state_path) else {"etags": {}, "seen": []}
    seen = set(state["seen"])
    analyzer = SentimentIntensityAnalyzer()

    def work(url):
        feed = feedparser.parse(url, etag=state["etags"].get(url))
        status = getattr(feed, "status", None)
        if status == 304:
            return url, feed.get("etag"), []
        rows = []
        for e in feed.entries:
            body = plain(e["content"][0].get("value") if e.get("content") else e.get("summary"))
            text = (e.get("title", "") + ". " + body).strip()
            rows.append({
                "id": e.get("id") or e.get("link"), "source": url, "url": e.get("link"), "title": e.get("title"),
                "text": body, "published_at": e.get("published"),
                "sentiment": analyzer.polarity_scores(text),
            })
        return url, feed.get("etag"), rows

    new = 0
    with ThreadPoolExecutor(max_workers=16) as pool, open(output, "a") as out:
        for url, etag, rows in pool.map(work, urls):
            if etag:
                state["etags"][url] = etag
            for row in rows:
                if row["id"] in seen:
                    continue
                seen.add(row["id"])
                out.write(json.dumps(row) + "\n")
                new += 1
    state["seen"] = sorted(seen)
    with open(state_path, "w") as f:
        json.dump(state, f)
    print(new)


if __name__ == "__main__":
    main()
