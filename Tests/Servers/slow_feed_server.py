#!/usr/bin/env python3
"""Loopback feed server for the ingest end-to-end tests: answers GET /<name>.rss?delay=S
after S seconds with a three-item RSS feed, so a run can be caught while it fetches.
An optional argument names a file to which each request path is appended on arrival.
Prints `PORT <n>` on its first stdout line once it listens on 127.0.0.1."""
import signal
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


REQUEST_LOG = sys.argv[1] if len(sys.argv) > 1 else None


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlparse(self.path)
        if REQUEST_LOG:
            with open(REQUEST_LOG, "a") as log:
                log.write(url.path + "\n")
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


class Server(ThreadingHTTPServer):
    """A listen backlog of 128, not socketserver's 5: a burst of new connections beyond the
    backlog makes Linux drop the handshake's last ACK, and the request then stalls for seconds
    (social_server.py says more)."""
    request_queue_size = 128


def main():
    # A parent that blocks signals (a test runner's worker thread) passes its mask on; undo that
    # so the test can stop this server with SIGTERM.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
