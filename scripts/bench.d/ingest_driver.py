"""Driver of the ingest benchmark (run by scripts/bench.d/ingest): generates 1,000 RSS feeds,
serves them from a loopback nginx (gzip on, ETags on), and times Chorus (`chorus ingest` over a
1,000-source config), the Python peer (ingest_peer.py) and the curl floor, cold and warm.
Wall time, CPU time (user + system) and peak RSS come from wait4() of each child."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from bench_nginx import start_nginx  # noqa: E402

FEEDS = 1000
# Two corpora (INGEST_CORPUS): "news" (default) is shaped like real news feeds: 40 items, each
# with a summary and a full article in content:encoded (6-9 paragraphs, about 3 KB), an author
# and categories; 1,000 such feeds make the Python peer take minutes cold, as the issue quotes.
# "light" is 20 items with a one-sentence description each (the corpus of the first session).
CORPUS = os.environ.get("INGEST_CORPUS", "news")
ITEMS = 40 if CORPUS == "news" else 20

SENTENCES = [
    "The Commerce Department said the export ban on ZTE would stay in place until the company paid the fine.",
    "Shares of ZTE fell sharply in Hong Kong after trading resumed, wiping out billions in market value.",
    "Analysts were relieved that shipments of components could resume within weeks.",
    "Suppliers are worried that another ban would leave them with unsold inventory and idle factories.",
    "Employees reposted the news with messages such as 'Wow! Breaking good news!' and 'Almost there'.",
    "The president promised on social media to get the company back into business, fast.",
    "Lawmakers from both parties criticised the deal as a terrible concession on national security.",
    "A spokesperson for the company declined to comment on the details of the agreement.",
    "Customers in several markets said they love the new phone and its excellent battery life.",
    "The fine is a painful blow, but the company said it was grateful for the chance to rebuild.",
    "Huawei, a larger rival, has faced similar scrutiny over its equipment in the United States.",
    "Trading was halted pending an announcement, and investors braced for more bad news.",
    "Critics said the penalty was far too lenient for a company that repeatedly broke the rules.",
    "Fingers crossed, wrote one engineer, adding that the team had been waiting for months.",
    "The agreement requires the company to replace its board and to accept a compliance team.",
    "Carriers that depend on the company's base stations welcomed the decision with cautious optimism.",
    "Some observers warned that the reversal could undermine future enforcement actions.",
    "The ministry said it hoped the two sides would resolve their trade disputes through dialogue.",
]
TAGS = ["ZTE", "Trade", "Export controls", "Telecom", "Huawei", "Markets", "Policy", "China"]


def article(rng):
    paragraphs = []
    for _ in range(rng.randint(6, 9)):
        paragraphs.append("<p>" + " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 4))) + "</p>")
    return "".join(paragraphs)


CORPUS_BYTES = 0


def make_feeds(root):
    global CORPUS_BYTES
    import gzip
    import random
    os.makedirs(root)
    rng = random.Random(20180513)
    moods = ["Analysts were relieved as shipments resumed", "Suppliers are worried about another ban",
             "Customers love the new phone, great battery", "The fine is a terrible blow to the company",
             "Trading was halted pending an announcement"]
    for i in range(FEEDS):
        items = []
        for j in range(ITEMS):
            if CORPUS == "news":
                items.append(
                    "<item><title>ZTE update %d from source %d: %s</title><link>https://bench.example/%d/%d</link>"
                    "<guid isPermaLink=\"false\">urn:bench:%d:%d</guid><pubDate>Sat, 28 Nov 2026 %02d:%02d:00 GMT</pubDate>"
                    "<dc:creator>Reporter %d</dc:creator><category>%s</category><category>%s</category>"
                    "<description>&lt;p&gt;%s&lt;/p&gt;</description><content:encoded><![CDATA[%s]]></content:encoded></item>"
                    % (j, i, moods[(i + j) % len(moods)], i, j, i, j, j % 24, i % 60, (i + j) % 97,
                       rng.choice(TAGS), rng.choice(TAGS), rng.choice(SENTENCES), article(rng)))
            else:
                items.append(
                    "<item><title>ZTE update %d from source %d</title><link>https://bench.example/%d/%d</link>"
                    "<guid isPermaLink=\"false\">urn:bench:%d:%d</guid><pubDate>Sat, 28 Nov 2026 %02d:%02d:00 GMT</pubDate>"
                    "<description>&lt;p&gt;%s; the Commerce Department said it would review the case (%d).&lt;/p&gt;</description></item>"
                    % (j, i, i, j, i, j, j % 24, i % 60, moods[(i + j) % len(moods)], i * 31 + j))
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
                ' xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench feed %d</title>'
                "<link>https://bench.example/%d</link><description>bench</description>\n%s\n</channel></rss>\n"
                % (i, i, "\n".join(items))).encode()
        CORPUS_BYTES += len(body)
        path = os.path.join(root, "feed-%04d.rss" % i)
        with open(path, "wb") as f:
            f.write(body)
        # Pre-compressed twin for nginx's gzip_static, as a CDN would serve it: the server's
        # own CPU then stays out of the comparison (the same files for every client).
        with open(path + ".gz", "wb") as f:
            f.write(gzip.compress(body, 6, mtime=0))
        os.utime(path + ".gz", (1700000000, 1700000000))
        os.utime(path, (1700000000, 1700000000))


def measure(cmd, stdout_path=os.devnull):
    """Runs cmd; returns (seconds, peak RSS in MiB, exit code, CPU seconds user + system)."""
    with open(stdout_path, "w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime


def with_served_feeds(label, nginx_workers, body, delay_ms=0):
    """Generates the feeds in a temporary folder, serves them from nginx (each response delayed
    by `delay_ms`), calls body(work, port), then stops nginx and deletes the folder."""
    work = tempfile.mkdtemp(prefix="chorus-bench-%s-" % label)
    try:
        make_feeds(os.path.join(work, "feeds"))
        nginx, port = start_nginx(work, os.path.join(work, "feeds"), label, workers=nginx_workers, delay_ms=delay_ms)
        try:
            body(work, port)
        finally:
            nginx.terminate()
            nginx.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    chorus, runs, peer_cold_runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    here = os.path.dirname(os.path.abspath(__file__))
    with_served_feeds("ingest", 1, lambda work, port: run(chorus, runs, peer_cold_runs, here, work, port))


def reset(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)


def run(chorus, runs, peer_cold_runs, here, work, port):
    urls = ["http://127.0.0.1:%d/feed-%04d.rss" % (port, i) for i in range(FEEDS)]
    url_file = os.path.join(work, "urls.txt")
    with open(url_file, "w") as f:
        f.write("\n".join(urls) + "\n")
    cdir = os.path.join(work, "chorus")
    os.makedirs(cdir)
    config = os.path.join(cdir, "bench.yaml")
    with open(config, "w") as f:
        f.write("output: { dir: out }\nstate: { path: state/chorus.sqlite }\nconcurrency: 64\nmax_per_host: 16\n"
                "keywords: { track: [ZTE, Huawei, \"Commerce Department\"] }\nsources:\n")
        for i, u in enumerate(urls):
            f.write('  - { name: feed-%04d, type: feed, url: "%s" }\n' % (i, u))
    peer = [shutil.which("python") or sys.executable, os.path.join(here, "ingest_peer.py"), url_file]
    pdir = os.path.join(work, "peer")
    curl_cfg = os.path.join(work, "curl.cfg")
    with open(curl_cfg, "w") as f:
        # `next` between entries: without it curl accumulates options (headers) across URLs.
        f.write("\nnext\n".join('url = "%s"\noutput = "/dev/null"\ncompressed' % u for u in urls) + "\n")
    curl = ["curl", "--parallel", "--parallel-max", "16", "-s", "-K", curl_cfg]
    curl_warm_cfg = os.path.join(work, "curl-warm.cfg")

    results = {}
    # Cold: empty state every time.
    cold = {"chorus": [], "curl": [], "python": []}
    for r in range(runs + 1):
        for d in ("out", "state"):
            reset(os.path.join(cdir, d))
        s = measure([chorus, "ingest", "--config", config])
        assert s[2] == 0, "bench ingest: chorus cold run exited %d" % s[2]
        counts = {os.path.relpath(os.path.join(root, n), cdir): sum(1 for _ in open(os.path.join(root, n)))
                  for root, _, files in os.walk(os.path.join(cdir, "out")) for n in files
                  if n.endswith(".ndjson") and not n.startswith(".")}  # not the folder's `.chorus-state-*` marker
        lines = sum(counts.values())
        assert lines == FEEDS * ITEMS, "bench ingest: chorus wrote %d items, expected %d: %s" % (lines, FEEDS * ITEMS, counts)
        c = measure(curl)
        if r > 0:
            cold["chorus"].append(s)
            cold["curl"].append(c)
    for r in range(peer_cold_runs):
        reset(pdir)
        p = measure(peer + [pdir, os.path.join(pdir, "out.jsonl")], os.path.join(work, "peer.out"))
        assert p[2] == 0, "bench ingest: python peer exited %d" % p[2]
        cold["python"].append(p)
    results["cold"] = cold

    # Warm: the state of the last cold run (all ETags known), every source fetched again: all 304.
    etag_hdrs = []
    import re
    for u in urls:
        out = subprocess.run(["curl", "-sI", "--compressed", u], capture_output=True, text=True).stdout
        m = re.search(r"(?im)^etag:\s*(\S+)", out)
        etag_hdrs.append(m.group(1) if m else "")
    with open(curl_warm_cfg, "w") as f:
        f.write("\nnext\n".join('url = "%s"\noutput = "/dev/null"\ncompressed\nheader = "If-None-Match: %s"' % (u, e.replace('"', '\\"'))
                                  for u, e in zip(urls, etag_hdrs)) + "\n")
    warm = {"chorus": [], "curl": [], "python": []}
    for r in range(runs + 1):
        s = measure([chorus, "ingest", "--config", config, "--ignore-schedule"])
        assert s[2] == 0, "bench ingest: chorus warm run exited %d" % s[2]
        c = measure(["curl", "--parallel", "--parallel-max", "16", "-s", "-w", "%{http_code}\\n", "-K", curl_warm_cfg],
                    os.path.join(work, "curl-warm.out"))
        codes = set(open(os.path.join(work, "curl-warm.out")).read().split())
        assert codes == {"304"}, "bench ingest: the warm curl floor got %s, not only 304" % sorted(codes)
        p = measure(peer + [pdir, os.path.join(pdir, "out.jsonl")], os.path.join(work, "peer.out"))
        if r > 0:
            warm["chorus"].append(s)
            warm["curl"].append(c)
            warm["python"].append(p)
    results["warm"] = warm
    summary = os.path.join(cdir, "state", "runs.log")
    last = open(summary).read().strip().split("\n")[-1]
    assert '"new":0' in last and '"not_modified"' in last, "bench ingest: the warm run was not all 304: " + last[:300]
    report(results, runs, peer_cold_runs)


def report(results, runs, peer_cold_runs):
    def med(samples, k):
        return statistics.median(x[k] for x in samples)

    print("ingest benchmark (%s corpus): %d feed sources x %d items, %.1f MB, on loopback nginx (gzip, ETag); median wall time, peak RSS"
          % (CORPUS, FEEDS, ITEMS, CORPUS_BYTES / 1e6))
    print("  (chorus and curl: median of %d; python peer: %d cold run(s), %d warm)" % (runs, peer_cold_runs, runs))
    for phase in ("cold", "warm"):
        r = results[phase]
        for name in ("chorus", "python", "curl"):
            print("  %-5s %-7s %8.3f s   CPU %7.3f s   peak RSS %7.1f MiB" % (phase, name, med(r[name], 0), med(r[name], 3), med(r[name], 1)))
    cold, warm = results["cold"], results["warm"]
    speedup = med(cold["python"], 0) / med(cold["chorus"], 0)
    vs_floor = med(warm["chorus"], 0) / med(warm["curl"], 0)
    rss = max(med(cold["chorus"], 1), med(warm["chorus"], 1))
    print("  cold: chorus is %.1fx faster than the python peer (target >= 30x) %s" % (speedup, "OK" if speedup >= 30 else "BELOW TARGET"))
    print("  cold: python peer / chorus in CPU seconds = %.1fx (wall time on a loaded machine tracks CPU seconds)"
          % (med(cold["python"], 3) / med(cold["chorus"], 3)))
    print("  cold: chorus / curl floor = %.2fx" % (med(cold["chorus"], 0) / med(cold["curl"], 0)))
    print("  warm: chorus / curl floor = %.2fx (target <= 3x) %s" % (vs_floor, "OK" if vs_floor <= 3 else "BELOW TARGET"))
    print("  warm: python peer / chorus = %.1fx" % (med(warm["python"], 0) / med(warm["chorus"], 0)))
    print("  peak RSS chorus: %.1f MiB (target <= 100 MiB) %s" % (rss, "OK" if rss <= 100 else "BELOW TARGET"))


if __name__ == "__main__":
    main()
