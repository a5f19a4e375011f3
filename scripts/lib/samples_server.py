#!/usr/bin/env python3
"""Serves Samples/ on 127.0.0.1 for the offline demo and checks: feed files as they are, and
the social API paths Chorus's connectors call mapped onto the saved responses in
Samples/social/. Prints `PORT <n>` once it listens. Usage: samples_server.py SAMPLES_DIR"""
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "Samples")

# API path prefix -> saved response under Samples/social/
ROUTES = [
    ("/api/v1/timelines/tag/", "social/mastodon/tag-zte.json"),
    ("/api/v2/search", "social/mastodon/search-zte.json"),
    ("/api/v1/accounts/lookup", "social/mastodon/account-lookup.json"),
    ("/xrpc/app.bsky.feed.searchPosts", "social/bluesky/search-zte.json"),
    ("/xrpc/app.bsky.feed.getAuthorFeed", "social/bluesky/author-feed.json"),
    ("/api/v1/search_by_date", "social/hackernews/search-zte.json"),
    ("/2/tweets/search/recent", "social/x/recent-zte.json"),
]

TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml", ".rdf": "application/rdf+xml",
         ".xml": "application/xml", ".json": "application/json"}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        path = urlparse(self.path).path
        target = next((f for prefix, f in ROUTES if path.startswith(prefix)), None)
        if target is None and path.startswith("/r/") and path.endswith("/new.json"):
            target = "social/reddit/new-technology.json"
        if target is None:
            target = path.lstrip("/")
        full = os.path.abspath(os.path.join(ROOT, target))
        if not full.startswith(ROOT + os.sep) or not os.path.isfile(full):
            self.send_error(404)
            return
        with open(full, "rb") as f:
            body = f.read()
        ctype = TYPES.get(os.path.splitext(full)[1], "application/octet-stream")
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
