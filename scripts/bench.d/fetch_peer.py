"""Python peer for the fetch benchmark: a 16-thread pool of requests Sessions fetching every
URL of a list (one per line, optionally TAB and an ETag sent as If-None-Match).
Prints "<count of 200> <count of 304> <count of other>" on stdout."""

import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import requests

local = threading.local()


def session():
    s = getattr(local, "session", None)
    if s is None:
        s = local.session = requests.Session()
        s.headers["User-Agent"] = "chorus-bench-python-peer"
    return s


def fetch(line):
    url, _, etag = line.partition("\t")
    headers = {"If-None-Match": etag} if etag else {}
    r = session().get(url, headers=headers, timeout=60)
    _ = r.content
    return r.status_code


def main():
    lines = [l.rstrip("\n") for l in open(sys.argv[1]) if l.strip()]
    with ThreadPoolExecutor(max_workers=16) as pool:
        codes = list(pool.map(fetch, lines))
    print(codes.count(200), codes.count(304), len(codes) - codes.count(200) - codes.count(304))


if __name__ == "__main__":
    main()
