#!/usr/bin/env python3
"""A scriptable misbehaving HTTP server for Chorus's fetch tests (standard library only).

Listens on 127.0.0.1 at a free port and prints "PORT <n>" as its first stdout line. Every
behaviour is chosen by the request path and query:

  /ok?size=N                 200, N bytes of "x" (default 2), text/plain
  /echo                      200, JSON {"method", "path", "headers": {lowercased name: value}}
  /status/CODE?retry_after=V CODE with an optional Retry-After header: seconds, "date:S" (an
                             HTTP-date S seconds from now) or "at:EPOCH" (the HTTP-date of EPOCH)
  /flaky/KEY?fails=N&code=C&retry_after=V
                             the first N requests for KEY answer C (default 503), then 200 "ok"
  /hits/PATH                 200, how many requests PATH (without query) has seen (a number)
  /redirect/N?code=C         a chain of N redirects (default 302) ending at /ok
  /redirect-to?url=U&code=C  C (default 302) to the URL U (e.g. another loopback origin's /echo)
  /loop                      302 to itself, forever
  /to-file                   302 to file:///etc/passwd
  /to-gopher                 302 to gopher://127.0.0.1/
  /permanent/CODE            CODE (301 or 308) to /ok
  /perm-chain                301 to /permanent/308 (so two permanent hops, then /ok)
  /temp-then-perm            302 to /permanent/301
  /big?size=N&length=0|1     N bytes, with Content-Length (length=1, default) or close-delimited
  /bomb?size=N               N zero bytes gzip-compressed (small on the wire, huge decoded)
  /badgzip                   Content-Encoding: gzip with a body that is not gzip
  /drip?interval=S&count=N   Content-Length N, then one byte every S seconds
  /reset?after=N             Content-Length 100000, N bytes, then a TCP reset
  /hang                      reads the request, never answers
  /ratelimit/DIALECT?status=C&remaining=R&reset=V
                             C (default 200) with the rate-limit headers of mastodon, bluesky,
                             reddit or x
  /etag                      200 with ETag "v1" and Last-Modified; 304 when they are sent back
"""

import gzip
import json
import os
import signal
import socket
import struct
import sys
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

COUNTERS = {}
LOCK = threading.Lock()
LAST_MODIFIED = "Tue, 01 Sep 2026 10:00:00 GMT"


def hit(key):
    with LOCK:
        COUNTERS[key] = COUNTERS.get(key, 0) + 1
        return COUNTERS[key]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # keep test output quiet
        pass

    def send_body(self, code, body, content_type="text/plain", headers=()):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, code, location):
        self.send_body(code, "", headers=[("Location", location)])

    def retry_after_header(self, value):
        if value is None:
            return []
        if value.startswith("date:"):
            return [("Retry-After", formatdate(time.time() + float(value[5:]), usegmt=True))]
        if value.startswith("at:"):
            return [("Retry-After", formatdate(float(value[3:]), usegmt=True))]
        return [("Retry-After", value)]

    def do_GET(self):
        url = urlsplit(self.path)
        q = {k: v[-1] for k, v in parse_qs(url.query).items()}
        parts = [p for p in url.path.split("/") if p]
        route = parts[0] if parts else ""
        arg = parts[1] if len(parts) > 1 else None
        hit(url.path)
        handler = getattr(self, "route_" + route.replace("-", "_"), None)
        if handler is None:
            self.send_body(404, "no such route\n")
        else:
            handler(arg, q)

    def route_ok(self, arg, q):
        self.send_body(200, "x" * int(q.get("size", "2")))

    def route_echo(self, arg, q):
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.send_body(200, json.dumps({"method": self.command, "path": self.path, "headers": headers}),
                       "application/json")

    def route_status(self, arg, q):
        code = int(arg)
        self.send_body(code, "status %d\n" % code, headers=self.retry_after_header(q.get("retry_after")))

    def route_flaky(self, arg, q):
        n = hit("flaky:" + arg)
        if n <= int(q.get("fails", "1")):
            code = int(q.get("code", "503"))
            self.send_body(code, "failing %d\n" % n, headers=self.retry_after_header(q.get("retry_after")))
        else:
            self.send_body(200, "ok after %d\n" % (n - 1))

    def route_hits(self, arg, q):
        path = "/" + urlsplit(self.path).path.split("/", 2)[2]
        with LOCK:
            count = COUNTERS.get(path, 0)
        self.send_body(200, str(count))

    def route_redirect(self, arg, q):
        n = int(arg)
        code = int(q.get("code", "302"))
        self.redirect(code, "/ok" if n <= 1 else "/redirect/%d?code=%d" % (n - 1, code))

    def route_redirect_to(self, arg, q):
        self.redirect(int(q.get("code", "302")), q["url"])

    def route_loop(self, arg, q):
        self.redirect(302, "/loop")

    def route_to_file(self, arg, q):
        self.redirect(302, "file:///etc/passwd")

    def route_to_gopher(self, arg, q):
        self.redirect(302, "gopher://127.0.0.1/")

    def route_permanent(self, arg, q):
        self.redirect(int(arg), "/ok")

    def route_perm_chain(self, arg, q):
        self.redirect(301, "/permanent/308")

    def route_temp_then_perm(self, arg, q):
        self.redirect(302, "/permanent/301")

    def route_big(self, arg, q):
        size = int(q.get("size", "1000000"))
        chunk = b"y" * 65536
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if q.get("length", "1") == "1":
            self.send_header("Content-Length", str(size))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        sent = 0
        try:
            while sent < size:
                piece = chunk[: min(len(chunk), size - sent)]
                self.wfile.write(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def route_bomb(self, arg, q):
        size = int(q.get("size", str(100 * 1024 * 1024)))
        body = gzip.compress(b"\0" * size, compresslevel=9)
        self.send_body(200, body, "application/xml", headers=[("Content-Encoding", "gzip")])

    def route_badgzip(self, arg, q):
        self.send_body(200, b"this is not gzip at all, sorry" * 10, "application/xml",
                       headers=[("Content-Encoding", "gzip")])

    def route_drip(self, arg, q):
        interval = float(q.get("interval", "0.5"))
        count = int(q.get("count", "1000"))
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(count))
        self.end_headers()
        try:
            for _ in range(count):
                self.wfile.write(b"d")
                self.wfile.flush()
                time.sleep(interval)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def route_reset(self, arg, q):
        after = int(q.get("after", "1000"))
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.wfile.write(b"r" * after)
        self.wfile.flush()
        time.sleep(0.05)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def route_hang(self, arg, q):
        time.sleep(3600)

    def route_ratelimit(self, arg, q):
        status = int(q.get("status", "200"))
        remaining = q.get("remaining", "0" if status == 429 else "42")
        reset = q.get("reset")
        now = time.time()
        if arg == "mastodon":
            when = reset or time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(now + 1))
            headers = [("X-RateLimit-Limit", "300"), ("X-RateLimit-Remaining", remaining), ("X-RateLimit-Reset", when)]
        elif arg == "bluesky":
            headers = [("RateLimit-Limit", "3000"), ("RateLimit-Remaining", remaining),
                       ("RateLimit-Reset", reset or str(int(now) + 2)), ("RateLimit-Policy", "3000;w=300")]
        elif arg == "reddit":
            headers = [("X-Ratelimit-Used", "58"), ("X-Ratelimit-Remaining", remaining + ".0"),
                       ("X-Ratelimit-Reset", reset or "1")]
        elif arg == "x":
            headers = [("x-rate-limit-limit", "450"), ("x-rate-limit-remaining", remaining),
                       ("x-rate-limit-reset", reset or str(int(now) + 2))]
        else:
            headers = []
        self.send_body(status, "{}", "application/json", headers=headers)

    def route_etag(self, arg, q):
        if self.headers.get("If-None-Match") == '"v1"' or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
            self.send_response(304)
            self.send_header("ETag", '"v1"')
            self.end_headers()
            return
        self.send_body(200, "<rss/>", "application/rss+xml",
                       headers=[("ETag", '"v1"'), ("Last-Modified", LAST_MODIFIED)])


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # Clients that hang up early (caps, timeouts, cancellations) are the point of this server.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def watch_parent(parent):
    """Exits when the test process that started us is gone (never outlive a killed test run)."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def main():
    # A parent that spawned us from a thread with signals blocked (Foundation's Process does)
    # leaves SIGTERM blocked; unblock it so terminate() works.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    server = Server(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
