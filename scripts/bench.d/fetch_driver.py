"""Driver of the fetch benchmark (run by scripts/bench.d/fetch): serves 1,000 generated feed
files from a loopback nginx and times, side by side and interleaved, Chorus
(`chorus fetch --urls-from`), the curl floor (`curl --parallel --parallel-max 16`) and a Python
peer (requests, 16 threads), cold (all 200) and warm (all 304 with stored ETags). Prints the
median wall time of each and the ratios."""

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


def make_feeds(root):
    os.makedirs(root)
    for i in range(FEEDS):
        items = "".join(
            "<item><title>Item %d of feed %d: ZTE and the market</title>"
            "<link>https://example.org/%d/%d</link><guid>urn:feed:%d:item:%d</guid>"
            "<pubDate>Sat, 28 Nov 2026 %02d:00:00 GMT</pubDate>"
            "<description>Reviewers liked the battery; analysts worried about margins (%d).</description></item>\n"
            % (j, i, i, j, i, j, j % 24, i * 31 + j)
            for j in range(10)
        )
        with open(os.path.join(root, "feed-%04d.xml" % i), "w") as f:
            f.write('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Feed %d</title>'
                    "<link>https://example.org/%d</link><description>bench</description>\n%s</channel></rss>\n"
                    % (i, i, items))


def timed(cmd, stdout_path):
    with open(stdout_path, "w") as out:
        start = time.perf_counter()
        rc = subprocess.run(cmd, stdout=out, stderr=subprocess.DEVNULL).returncode
        return time.perf_counter() - start, rc


def main():
    chorus, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
    here = os.path.dirname(os.path.abspath(__file__))
    work = tempfile.mkdtemp(prefix="chorus-bench-fetch-")
    try:
        root = os.path.join(work, "feeds")
        make_feeds(root)
        nginx, port = start_nginx(work, root, 'fetch', workers=2)
        try:
            run(chorus, runs, here, work, port)
        finally:
            nginx.terminate()
            nginx.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(chorus, runs, here, work, port):
    base = "http://127.0.0.1:%d" % port
    urls = ["%s/feed-%04d.xml" % (base, i) for i in range(FEEDS)]
    cold_list = os.path.join(work, "cold.txt")
    with open(cold_list, "w") as f:
        f.write("\n".join(urls) + "\n")
    # One cold Chorus run to learn the ETags (as a previous ingest run would have stored them).
    seed = os.path.join(work, "seed.ndjson")
    subprocess.run([chorus, "fetch", "--urls-from", cold_list], stdout=open(seed, "w"), check=True)
    import json
    etags = {}
    for line in open(seed):
        o = json.loads(line)
        etags[o["url"]] = o["etag"]
    assert len(etags) == FEEDS and all(etags.values()), "bench fetch: seed run did not get every ETag"
    warm_list = os.path.join(work, "warm.txt")
    with open(warm_list, "w") as f:
        f.write("".join("%s\t%s\n" % (u, etags[u]) for u in urls))

    def curl_config(path, warm, write_out):
        with open(path, "w") as f:
            for i, u in enumerate(urls):
                if i:
                    f.write("next\n")
                f.write('url = "%s"\noutput = "/dev/null"\ncompressed\n' % u)
                if write_out:
                    f.write('write-out = "%{http_code}\\n"\n')
                if warm:
                    f.write("header = \"If-None-Match: %s\"\n" % etags[u].replace('"', '\\"'))
    curl_cold, curl_warm = os.path.join(work, "curl-cold.cfg"), os.path.join(work, "curl-warm.cfg")
    curl_config(curl_cold, False, False)
    curl_config(curl_warm, True, False)
    # The floor is timed without write-out; one untimed run of each checks the statuses.
    for phase, warm, status in (("cold", False, 200), ("warm", True, 304)):
        probe = os.path.join(work, "curl-check.cfg")
        curl_config(probe, warm, True)
        out = os.path.join(work, "out.txt")
        timed(["curl", "--parallel", "--parallel-max", "16", "-s", "-K", probe], out)
        check("curl", phase, out, 0, status)
    peer = os.path.join(here, "fetch_peer.py")
    py = shutil.which("python") or sys.executable

    contenders = {
        # Chorus's default is 2 connections per host (politeness); all 1,000 URLs share one host
        # here, so "per-host 16" is the same parallelism as the curl floor.
        "chorus": lambda lst, cfg: [chorus, "fetch", "--urls-from", lst],
        "chorus(per-host 16)": lambda lst, cfg: [chorus, "fetch", "--urls-from", lst, "--per-host", "16"],
        "curl": lambda lst, cfg: ["curl", "--parallel", "--parallel-max", "16", "-s", "-K", cfg],
        "python": lambda lst, cfg: [py, peer, lst],
    }
    expected = {"cold": 200, "warm": 304}
    results = {}
    for phase, lst, cfg in (("cold", cold_list, curl_cold), ("warm", warm_list, curl_warm)):
        times = {name: [] for name in contenders}
        for r in range(runs + 1):  # the first round warms caches and is dropped
            for name, make in contenders.items():
                out = os.path.join(work, "out.txt")
                seconds, rc = timed(make(lst, cfg), out)
                check(name, phase, out, rc, expected[phase])
                if r > 0:
                    times[name].append(seconds)
        results[phase] = {name: statistics.median(t) for name, t in times.items()}

    print("fetch benchmark: %d feeds from loopback nginx, median of %d runs (seconds)" % (FEEDS, runs))
    print("%-8s %-22s %9s %12s" % ("phase", "tool", "median", "vs curl"))
    for phase in ("cold", "warm"):
        floor = results[phase]["curl"]
        for name, value in results[phase].items():
            print("%-8s %-22s %9.3f %11.2fx" % (phase, name, value, value / floor))
        print("%-8s %-22s %9s %11.2fx" % (phase, "python / chorus", "", results[phase]["python"] / results[phase]["chorus"]))
    for name, label in (("chorus(per-host 16)", "16 connections, as curl"), ("chorus", "default 2 per host")):
        ok = all(results[p][name] <= 1.5 * results[p]["curl"] for p in results)
        print("target (within 1.5x of curl, cold and warm), %s: %s" % (label, "met" if ok else "NOT met"))


def check(name, phase, out, rc, status):
    text = open(out).read()
    if name == "python":
        counts = text.split()
        good = counts[0] if status == 200 else counts[1]
        assert int(good) == FEEDS, "bench fetch: python %s run: %s" % (phase, text)
    elif name == "curl":
        if not text:  # a timed run (no write-out): statuses were checked before timing
            assert rc == 0, "bench fetch: curl %s run exited %d" % (phase, rc)
            return
        codes = text.split()
        assert codes.count(str(status)) == FEEDS, "bench fetch: curl %s run got %s" % (phase, sorted(set(codes)))
    else:
        assert rc == 0, "bench fetch: %s %s run exited %d" % (name, phase, rc)
        n = text.count('"status":%d' % status)
        assert n == FEEDS, "bench fetch: %s %s run got %d of %d with status %d" % (name, phase, n, FEEDS, status)


if __name__ == "__main__":
    main()
