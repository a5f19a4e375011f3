#!/usr/bin/env python3
"""Loopback feed server for the ingest end-to-end tests: answers GET /<name>.rss?delay=S
after S seconds with a three-item RSS feed, so a run can be caught while it fetches.
Prints `PORT <n>` on its first stdout line once it listens on 127.0.0.1."""
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


def feed(name):
    items = "".join(
        f"<item><guid>urn:chorus-slow:{name}:{n}</guid><title>ZTE item {n} of {name}</title>"
        f"<link>https://slow.example/{name}/{n}</link><description>Slow item {n}.</description></item>"
        for n in range(3)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>{items}</channel></rss>'.encode()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlparse(self.path)
        delay = float(parse_qs(url.query).get("delay", ["0"])[0])
        time.sleep(delay)
        body = feed(url.path.strip("/").removesuffix(".rss") or "feed")
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
