#!/usr/bin/env python3
"""Loopback stand-in for the social APIs Chorus reads (Mastodon, Bluesky, Reddit, HN Algolia,
X v2), serving the fixtures in Samples/social in each API's shape.

Prints `PORT <n>` first. Every test uses its own path prefix, /<test-id>/..., with state of
its own: which fixture items are visible, the required token, scripted failures, and a log
of the requests received. It checks the query parameters and auth headers a connector sends
and answers 400 (with a message) on a mismatch.

Control (GET, resets the request counter and log):
  /<tid>/_control?visible=N        the N oldest items of each dataset are visible (default all)
                 &token=T          requests must carry `Authorization: Bearer T`
                 &fail_at=K&fail=S the K-th API request answers S: an HTTP status (401, 403,
                                   404, 410, 500, 503), `malformed` or `wrongtype`
                 &limit_at=K       the K-th API request answers 429 with the platform's reset headers
                 &exhaust_at=K     the K-th API request succeeds with 0 requests remaining
                 &extra=N          adds N generated items older than the fixtures
  /<tid>/_log                      the requests received: [{"path", "query", "headers"}]

Logins (control parameters; POST endpoints as the platforms have them):
                 &login=reddit-app|reddit-password|bluesky
                                   API requests must carry `Authorization: Bearer <an access
                                   token this server issued and has not revoked>`, else 401.
                                   Reddit: POST /<tid>/api/v1/access_token (HTTP Basic
                                   cid:csecret; grant_type=client_credentials, or password with
                                   username=ana&password=pw). Bluesky: POST
                                   /<tid>/xrpc/com.atproto.server.createSession
                                   ({"identifier": "ana.example.net", "password": "app-pw"}) and
                                   refreshSession (Bearer <refresh token>).
                 &ttl=S            access tokens expire S seconds after issue (JWT exp; default 7200)
                 &expire_after=K   after the K-th API request every access token issued so far
                                   is revoked (a token expiring mid-run)
                 &hosts=1          Reddit: requests with a token must arrive for host
                                   localhost:<port> (oauth.reddit.com), without one for
                                   127.0.0.1:<port> (www.reddit.com); the token endpoint is on
                                   127.0.0.1; otherwise 403 "wrong host"
  /<tid>/_auth                     {"logins", "refreshes", "grants", "issued"} so far
"""
import base64
import json
import os
import re
import signal
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Samples", "social")


def load(name):
    with open(os.path.join(ROOT, name), encoding="utf-8") as f:
        return json.load(f)


def iso(ts):
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def masto_key(s):
    return (len(s["id"]), s["id"])


# ---- datasets, newest first ------------------------------------------------------------
def datasets(extra):
    masto = load("mastodon/tag-zte.json")
    bsky_search = load("bluesky/search-zte.json")["posts"]
    bsky_feed = load("bluesky/author-feed.json")["feed"]
    reddit = load("reddit/new-technology.json")["data"]["children"]
    hn = load("hackernews/search-zte.json")["hits"]
    x = load("x/recent-zte.json")
    tweets, users = x["data"], x["includes"]["users"]
    base = 1526000000  # 2018-05-11, older than every fixture
    for i in range(extra):
        t = base - i * 60
        sid = str((t * 1000 << 16) + 99)
        masto.append({"id": sid, "uri": f"https://social.example/users/kit/statuses/{sid}", "url": None,
                      "created_at": iso(t), "content": f"<p>Older post {i} about ZTE</p>", "reblog": None,
                      "account": {"id": "77", "username": "kit", "acct": "kit", "display_name": "Kit", "url": "https://social.example/@kit"},
                      "tags": [], "media_attachments": [], "replies_count": 0, "reblogs_count": 0, "favourites_count": 0})
        rkey = f"3kold{i:05d}"
        post = {"uri": f"at://did:plc:ana7examplexyz/app.bsky.feed.post/{rkey}", "cid": f"bafy{rkey}",
                "author": {"did": "did:plc:ana7examplexyz", "handle": "ana.example.net"},
                "record": {"$type": "app.bsky.feed.post", "text": f"Older post {i}", "createdAt": iso(t)}, "indexedAt": iso(t)}
        bsky_search.append(post)
        bsky_feed.append({"post": post})
        reddit.append({"kind": "t3", "data": {"id": f"old{i}", "name": f"t3_old{i}", "title": f"Older post {i}", "author": "kit",
                                              "created_utc": float(t), "permalink": f"/r/technology/comments/old{i}/", "subreddit": "technology"}})
        hn.append({"objectID": str(16000000 - i), "created_at_i": t, "created_at": iso(t), "author": "kit",
                   "title": f"Older story {i}", "_tags": ["story"], "points": 1, "num_comments": 0})
        tweets.append({"id": str(990000000000000000 - i), "text": f"Older post {i}", "created_at": iso(t), "author_id": "1401"})
    return {
        "mastodon": sorted(masto, key=masto_key, reverse=True),
        "bsky_search": sorted(bsky_search, key=lambda p: bsky_sort(p, None), reverse=True),
        "bsky_feed": sorted(bsky_feed, key=lambda e: bsky_sort(e["post"], e.get("reason")), reverse=True),
        "reddit": sorted(reddit, key=lambda c: c["data"]["created_utc"], reverse=True),
        "hn": sorted(hn, key=lambda h: h["created_at_i"], reverse=True),
        "x": sorted(tweets, key=lambda t: int(t["id"]), reverse=True),
        "x_users": users,
    }


def bsky_sort(post, reason):
    if reason:
        return (reason["indexedAt"], reason.get("uri", ""))
    created = post.get("record", {}).get("createdAt", post["indexedAt"])
    return (min(created, post["indexedAt"]), post["uri"])


class TestState:
    def __init__(self):
        self.visible = None
        self.token = None
        self.fail_at = None
        self.fail = None
        self.limit_at = None
        self.exhaust_at = None
        self.count = 0
        self.log = []
        self.data = datasets(0)
        self.login = None
        self.ttl = 7200
        self.expire_after = None
        self.hosts = False
        self.access = set()
        self.refresh = set()
        self.logins = 0
        self.refreshes = 0
        self.grants = []
        self.issued = 0

    def shown(self, name):
        items = self.data[name]
        if self.visible is None:
            return list(items)
        return items[max(0, len(items) - self.visible):]


STATES = {}
LOCK = threading.Lock()


class Reply(Exception):
    def __init__(self, status, body, headers=None):
        self.status, self.body, self.headers = status, body, headers or {}


def bad(message):
    return Reply(400, {"error": message})


def need(q, name):
    if name not in q or q[name] == "":
        raise bad(f"missing query parameter {name}")
    return q[name]


def int_param(q, name, lo, hi, default=None):
    if name not in q:
        if default is None:
            raise bad(f"missing query parameter {name}")
        return default
    try:
        v = int(q[name])
    except ValueError:
        raise bad(f"{name} must be an integer, got {q[name]!r}")
    if not lo <= v <= hi:
        raise bad(f"{name} must be within {lo}..{hi}, got {v}")
    return v


# ---- platforms -----------------------------------------------------------------------------
def rate_headers(platform, remaining, now, window=2):
    """The platform's rate-limit headers for a window that resets `window` seconds from now."""
    if platform == "mastodon":
        return {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": str(remaining),
                "X-RateLimit-Reset": datetime.fromtimestamp(now + window, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000000Z")}
    if platform == "bluesky":
        return {"RateLimit-Limit": "3000", "RateLimit-Remaining": str(remaining), "RateLimit-Reset": str(int(now) + window),
                "RateLimit-Policy": "3000;w=300"}
    if platform == "reddit":
        return {"X-Ratelimit-Used": str(100 - remaining), "X-Ratelimit-Remaining": f"{remaining}.0", "X-Ratelimit-Reset": str(window)}
    if platform == "x":
        return {"x-rate-limit-limit": "450", "x-rate-limit-remaining": str(remaining), "x-rate-limit-reset": str(int(now) + window)}
    return {}


def mastodon(st, path, q, base):
    if path == "/api/v1/accounts/lookup":
        acct = need(q, "acct")
        account = next((s["account"] for s in st.data["mastodon"] if s["account"]["acct"] in (acct, acct.split("@")[0])), None)
        if account is None:
            raise Reply(404, {"error": "Record not found"})
        return account, {}
    m = re.fullmatch(r"/api/v1/timelines/tag/([^/]+)", path)
    a = re.fullmatch(r"/api/v1/accounts/([0-9]+)/statuses", path)
    if m:
        if m.group(1).lower() != "zte":
            raise Reply(404, {"error": "Record not found"})
        items = st.shown("mastodon")
    elif a:
        items = [s for s in st.shown("mastodon") if s["account"]["id"] == a.group(1)]
    elif path == "/api/v2/search":
        need(q, "q")
        if q.get("type") != "statuses":
            raise bad("type must be statuses")
        items = st.shown("mastodon")
    else:
        raise Reply(404, {"error": "Record not found"})
    limit = int_param(q, "limit", 1, 40, 20)
    for k in ("min_id", "max_id", "since_id"):
        if k in q and not q[k].isdigit():
            raise bad(f"{k} must be a status id, got {q[k]!r}")
    if "max_id" in q:
        items = [s for s in items if masto_key(s) < (len(q["max_id"]), q["max_id"])]
    if "min_id" in q:
        newer = [s for s in items if masto_key(s) > (len(q["min_id"]), q["min_id"])]
        page = list(reversed(list(reversed(newer))[:limit]))
    else:
        if "since_id" in q:
            items = [s for s in items if masto_key(s) > (len(q["since_id"]), q["since_id"])]
        page = items[:limit]
    headers = {}
    if page and path != "/api/v2/search":
        url = base + path
        headers["Link"] = (f'<{url}?limit={limit}&max_id={page[-1]["id"]}>; rel="next", '
                           f'<{url}?limit={limit}&min_id={page[0]["id"]}>; rel="prev"')
    if path == "/api/v2/search":
        return {"accounts": [], "hashtags": [], "statuses": page}, headers
    return page, headers


def bluesky(st, path, q):
    limit = int_param(q, "limit", 1, 100, 50)
    if path == "/xrpc/app.bsky.feed.searchPosts":
        need(q, "q")
        if q.get("sort", "latest") != "latest":
            raise bad("sort must be latest")
        entries = [(bsky_sort(p, None), p) for p in st.shown("bsky_search")]
        if "since" in q:
            entries = [(k, p) for k, p in entries if k[0] >= q["since"]]
    elif path == "/xrpc/app.bsky.feed.getAuthorFeed":
        actor = need(q, "actor")
        if actor not in ("newsdesk.example.com", "did:plc:zte4newsdeskxyz"):
            raise Reply(400, {"error": "InvalidRequest", "message": "Profile not found"})
        entries = [(bsky_sort(e["post"], e.get("reason")), e) for e in st.shown("bsky_feed")]
    else:
        raise Reply(404, {"error": "MethodNotImplemented", "message": "Method Not Implemented"})
    if "cursor" in q:
        try:
            after = tuple(json.loads(q["cursor"]))
        except ValueError:
            raise bad("malformed cursor")
        entries = [(k, v) for k, v in entries if k < after]
    page = entries[:limit]
    body = {"posts" if path.endswith("searchPosts") else "feed": [v for _, v in page]}
    if len(entries) > limit:
        body["cursor"] = json.dumps(list(page[-1][0]))
    return body, {}


REDDIT_UA = re.compile(r"^[^\s:]+:[^\s:]+:v?[^\s:]+ \(by /u/[A-Za-z0-9_-]+\)$")


def reddit(st, path, q, headers):
    ua = headers.get("user-agent", "")
    if not REDDIT_UA.match(ua):
        raise bad(f"User-Agent must look like <platform>:<app id>:<version> (by /u/<name>), got {ua!r}")
    if q.get("raw_json") != "1":
        raise bad("raw_json=1 expected")
    limit = int_param(q, "limit", 1, 100, 25)
    if path == "/r/technology/new.json":
        items = st.shown("reddit")
    elif path in ("/search.json", "/r/technology/search.json"):
        query = need(q, "q").lower()
        if q.get("sort") != "new":
            raise bad("sort=new expected")
        items = [c for c in st.shown("reddit") if query in c["data"]["title"].lower() or query in c["data"].get("selftext", "").lower()]
    else:
        raise Reply(404, {"message": "Not Found", "error": 404})
    if "after" in q:
        names = [c["data"]["name"] for c in items]
        if q["after"] not in names:
            raise bad(f"unknown after {q['after']}")
        items = items[names.index(q["after"]) + 1:]
    page = items[:limit]
    after = page[-1]["data"]["name"] if len(items) > limit else None
    return {"kind": "Listing", "data": {"after": after, "before": None, "dist": len(page), "children": page}}, {}


def hackernews(st, path, q):
    if path != "/api/v1/search_by_date":
        raise Reply(404, {"message": "Not Found"})
    need(q, "query")
    if q.get("tags") not in ("(story,comment)", "story", "comment"):
        raise bad(f"tags must be (story,comment), story or comment, got {q.get('tags')!r}")
    per = int_param(q, "hitsPerPage", 1, 1000, 20)
    page_no = int_param(q, "page", 0, 1000, 0)
    hits = st.shown("hn")
    for f in filter(None, q.get("numericFilters", "").split(",")):
        m = re.fullmatch(r"created_at_i(>=|<=|>|<)(\d+)", f)
        if not m:
            raise bad(f"unsupported numeric filter {f!r}")
        op, v = m.group(1), int(m.group(2))
        test = {">=": lambda x: x >= v, "<=": lambda x: x <= v, ">": lambda x: x > v, "<": lambda x: x < v}[op]
        hits = [h for h in hits if test(h["created_at_i"])]
    pages = (len(hits) + per - 1) // per
    return {"hits": hits[page_no * per:(page_no + 1) * per], "page": page_no, "nbHits": len(hits), "nbPages": pages,
            "hitsPerPage": per, "query": q["query"], "processingTimeMS": 1}, {}


def x_api(st, path, q):
    if path != "/2/tweets/search/recent":
        raise Reply(404, {"title": "Not Found Error", "detail": "Sorry, that page does not exist", "status": 404})
    need(q, "query")
    per = int_param(q, "max_results", 10, 100, 10)
    fields = set(q.get("tweet.fields", "").split(","))
    for f in ("created_at", "author_id", "public_metrics", "referenced_tweets"):
        if f not in fields:
            raise bad(f"tweet.fields must include {f}")
    if q.get("expansions") != "author_id" or "username" not in q.get("user.fields", ""):
        raise bad("expansions=author_id and user.fields=username,... expected")
    tweets = st.shown("x")
    if "since_id" in q:
        if not q["since_id"].isdigit():
            raise bad("since_id must be a post id")
        tweets = [t for t in tweets if int(t["id"]) > int(q["since_id"])]
    if "next_token" in q:
        if not q["next_token"].startswith("nt"):
            raise bad("invalid next_token")
        below = int(q["next_token"][2:])
        tweets = [t for t in tweets if int(t["id"]) < below]
    page = tweets[:per]
    meta = {"result_count": len(page)}
    if page:
        meta.update(newest_id=page[0]["id"], oldest_id=page[-1]["id"])
    if len(tweets) > per:
        meta["next_token"] = "nt" + page[-1]["id"]
    body = {"meta": meta}
    if page:
        ids = {t.get("author_id") for t in page}
        body["data"] = page
        body["includes"] = {"users": [u for u in st.data["x_users"] if u["id"] in ids]}
    return body, {}


def platform_of(path):
    if path.startswith("/files/"):
        return "json"
    if path.startswith("/api/v1/search_by_date"):
        return "hn"
    if path.startswith("/api/"):
        return "mastodon"
    if path.startswith("/xrpc/"):
        return "bluesky"
    if path.startswith("/2/"):
        return "x"
    return "reddit"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=None):
        data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        parts = urlsplit(self.path)
        segs = parts.path.split("/", 2)
        if len(segs) < 3:
            return self.send(404, {"error": "no test id"})
        tid, path = segs[1], "/" + segs[2]
        q = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        with LOCK:
            st = STATES.setdefault(tid, TestState())
        if path == "/_control":
            with LOCK:
                st.visible = int(q["visible"]) if "visible" in q else None
                st.token = q.get("token")
                st.fail_at = int(q["fail_at"]) if "fail_at" in q else None
                st.fail = q.get("fail")
                st.limit_at = int(q["limit_at"]) if "limit_at" in q else None
                st.exhaust_at = int(q["exhaust_at"]) if "exhaust_at" in q else None
                st.data = datasets(int(q.get("extra", "0")))
                st.count = 0
                st.log = []
                st.login = q.get("login")
                st.ttl = int(q.get("ttl", "7200"))
                st.expire_after = int(q["expire_after"]) if "expire_after" in q else None
                st.hosts = q.get("hosts") == "1"
                st.access, st.refresh = set(), set()
                st.logins, st.refreshes, st.grants, st.issued = 0, 0, [], 0
            return self.send(200, {"ok": True})
        if path == "/_log":
            with LOCK:
                return self.send(200, st.log)
        if path == "/_auth":
            with LOCK:
                return self.send(200, {"logins": st.logins, "refreshes": st.refreshes, "grants": st.grants, "issued": st.issued})
        headers = {k.lower(): v for k, v in self.headers.items()}
        platform = platform_of(path)
        now = time.time()
        with LOCK:
            st.count += 1
            n = st.count
            st.log.append({"path": path, "query": q, "headers": headers})
        try:
            if st.hosts and platform == "reddit":
                check_host(headers, self.server.server_address[1], "localhost" if "authorization" in headers else "127.0.0.1")
            if st.login is not None:
                with LOCK:
                    if st.expire_after is not None and n > st.expire_after:
                        st.access.clear()  # revoked mid-run, once
                        st.expire_after = None
                    auth = headers.get("authorization", "")
                    ok = auth.startswith("Bearer ") and auth[7:] in st.access and jwt_exp(auth[7:]) > time.time()
                if not ok:
                    raise Reply(401, {"error": "ExpiredToken" if auth else "AuthMissing", "message": "Bad or expired access token"})
            if st.token is not None and headers.get("authorization") != f"Bearer {st.token}":
                if platform == "x":
                    raise Reply(401, {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"})
                raise Reply(401, {"error": "The access token is invalid"})
            if platform == "x" and st.token is None and not headers.get("authorization", "").startswith("Bearer "):
                raise Reply(401, {"title": "Unauthorized", "status": 401, "detail": "Unauthorized"})
            if st.limit_at == n:
                body = {"errors": [{"code": 88, "message": "Rate limit exceeded"}]} if platform == "x" else {"error": "Too many requests"}
                # A reset far enough ahead (50 s, within the fetch policy's 60 s retry budget) that a wait taken from it cannot be mistaken for the
                # fetcher's own backoff, and survives a loaded machine's scheduling delays.
                raise Reply(429, body, rate_headers(platform, 0, now, window=50))
            if st.fail_at == n:
                if st.fail == "malformed":
                    return self.send(200, b'[{"id": "1", "uri": "truncated', rate_headers(platform, 99, now))
                if st.fail == "wrongtype":
                    wrong = {"mastodon": [{"id": 1, "uri": "u"}], "bluesky": {"posts": [{"uri": 5}]} if path.endswith("searchPosts") else {"feed": [{"post": {"uri": 5}}]},
                             "reddit": {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"name": "t3_x", "score": "high"}}]}},
                             "hn": {"hits": [{"objectID": "1", "author": "a", "points": "many", "_tags": ["story"]}]},
                             "x": {"data": [{"id": "1", "text": 5}]},
                             "json": {"data": {"list": [{"idstr": True}]}}}[platform]
                    return self.send(200, wrong, rate_headers(platform, 99, now))
                raise Reply(int(st.fail), {"error": f"scripted {st.fail}"})
            if platform == "json":
                return self.serve_file(path[len("/files/"):], headers, st)
            base = f"http://{self.headers.get('Host')}/{tid}"
            if platform == "mastodon":
                body, extra = mastodon(st, path, q, base)
            elif platform == "bluesky":
                body, extra = bluesky(st, path, q)
            elif platform == "reddit":
                body, extra = reddit(st, path, q, headers)
            elif platform == "hn":
                body, extra = hackernews(st, path, q)
            else:
                body, extra = x_api(st, path, q)
            remaining = 0 if st.exhaust_at == n else 99
            self.send(200, body, {**rate_headers(platform, remaining, now), **extra})
        except Reply as r:
            self.send(r.status, r.body, r.headers)


def check_host(headers, port, wanted):
    if headers.get("host") != f"{wanted}:{port}":
        raise Reply(403, {"error": f"wrong host {headers.get('host')!r}, expected {wanted}:{port}"})


def jwt(st, sub):
    """An unsigned JWT-shaped token whose payload carries `exp`, as Bluesky's access tokens do."""
    def part(obj):
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()
    st.issued += 1
    return f"{part({'alg': 'none'})}.{part({'sub': sub, 'exp': int(time.time()) + st.ttl, 'n': st.issued})}.sig"


def jwt_exp(token):
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["exp"]
    except (IndexError, ValueError, KeyError):
        return 0


def do_POST(self):
    parts = urlsplit(self.path)
    segs = parts.path.split("/", 2)
    if len(segs) < 3:
        return self.send(404, {"error": "no test id"})
    tid, path = segs[1], "/" + segs[2]
    length = int(self.headers.get("Content-Length", "0"))
    body = self.rfile.read(length) if length else b""
    headers = {k.lower(): v for k, v in self.headers.items()}
    with LOCK:
        st = STATES.setdefault(tid, TestState())
    try:
        with LOCK:
            if path == "/api/v1/access_token":
                if st.hosts:
                    check_host(headers, self.server.server_address[1], "127.0.0.1")
                if not REDDIT_UA.match(headers.get("user-agent", "")):
                    raise bad("User-Agent must be descriptive")
                if headers.get("authorization") != "Basic " + base64.b64encode(b"cid:csecret").decode():
                    raise Reply(401, {"message": "Unauthorized", "error": 401})
                form = {k: v[-1] for k, v in parse_qs(body.decode()).items()}
                grant = form.get("grant_type")
                if grant == "password" and (form.get("username"), form.get("password")) != ("ana", "pw"):
                    raise Reply(200, {"error": "invalid_grant"})
                if grant not in ("client_credentials", "password") or f"reddit-{'app' if grant == 'client_credentials' else 'password'}" != st.login:
                    raise Reply(400, {"error": "unsupported_grant_type"})
                st.grants.append(grant)
                token = jwt(st, "reddit")
                st.access.add(token)
                raise Reply(200, {"access_token": token, "token_type": "bearer", "expires_in": st.ttl, "scope": "*"})
            if path == "/xrpc/com.atproto.server.createSession":
                try:
                    creds = json.loads(body)
                except ValueError:
                    raise bad("JSON body expected")
                if (creds.get("identifier"), creds.get("password")) != ("ana.example.net", "app-pw"):
                    raise Reply(401, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"})
                st.logins += 1
            elif path == "/xrpc/com.atproto.server.refreshSession":
                auth = headers.get("authorization", "")
                if not auth.startswith("Bearer ") or auth[7:] not in st.refresh:
                    raise Reply(400, {"error": "ExpiredToken", "message": "Token has expired"})
                st.refresh.discard(auth[7:])
                st.refreshes += 1
            else:
                raise Reply(404, {"error": "MethodNotImplemented"})
            access = jwt(st, "did:plc:ana7examplexyz")
            refresh = f"refresh-{st.issued}"
            st.access.add(access)
            st.refresh.add(refresh)
            raise Reply(200, {"accessJwt": access, "refreshJwt": refresh, "handle": "ana.example.net", "did": "did:plc:ana7examplexyz"})
    except Reply as r:
        self.send(r.status, r.body, r.headers)


Handler.do_POST = do_POST


def serve_file(self, name, headers, st):
    """A fixture as a plain JSON document, with an ETag and 304 on If-None-Match."""
    full = os.path.normpath(os.path.join(ROOT, name))
    if not full.startswith(os.path.normpath(ROOT)) or not os.path.isfile(full):
        return self.send(404, {"error": "no such fixture"})
    with open(full, "rb") as f:
        data = f.read()
    etag = '"%08x"' % (hash(data) & 0xFFFFFFFF)
    if headers.get("if-none-match") == etag:
        self.send_response(304)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return
    self.send(200, data, {"ETag": etag})


Handler.serve_file = serve_file


class Server(ThreadingHTTPServer):
    """socketserver listens with a backlog of 5. The tests of a suite run in parallel, each with
    its own fetcher and so its own new connections; a burst of them overflows a backlog of 5, and
    Linux then drops the handshake's last ACK: the client believes it is connected and sends its
    request, while the server only accepts the connection when a retransmitted SYN-ACK finds room
    (1, 2, 4, 8 s later), so a request can stall for 15 s and more. Room for every burst."""
    request_queue_size = 1024


def watch_parent(parent):
    """Exit when the test process that started us is gone (no orphaned servers)."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def main():
    # The test runner may start us with signals blocked; SIGTERM must stop the server.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
