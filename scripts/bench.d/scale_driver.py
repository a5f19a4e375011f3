"""Driver of the scale-out benchmark (run by scripts/bench.d/scale): the ingest benchmark's
feeds (light corpus) on a loopback nginx; `chorus ingest` on SQLite (one process) and on
PostgreSQL with 1, 2 and 4 workers started together, each with its own output folder. Round
trips are the statements the server logs (`log_statement = all` on the benchmark's database,
without their parameters): one per libpq call."""

import json
import os
import re
import statistics
import subprocess
import sys
import time

os.environ.setdefault("INGEST_CORPUS", "light")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import ingest_driver  # noqa: E402

# SCALE_FEEDS: fewer sources, to try the script quickly.
ingest_driver.FEEDS = FEEDS = int(os.environ.get("SCALE_FEEDS", ingest_driver.FEEDS))
# SCALE_DELAY_MS: every response of the loopback nginx waits that long (a server across a network):
# a worker then waits on the network more than it computes (max_per_host 16 requests at a time).
DELAY_MS = int(os.environ.get("SCALE_DELAY_MS", "0"))
# SCALE_STATEMENTS=1: the server's time per statement of one cold run of 1 worker (pg_stat_statements).
STATEMENTS = os.environ.get("SCALE_STATEMENTS") == "1"
ITEMS = ingest_driver.ITEMS
STATEMENT = re.compile(r"LOG:  (statement|execute [^:]*):")


def psql(url, sql):
    subprocess.run(["psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True, stdout=subprocess.DEVNULL)


def log_size(log):
    return os.path.getsize(log)


def statements_since(log, offset):
    with open(log, "rb") as f:
        f.seek(offset)
        return sum(1 for line in f.read().decode("utf-8", "replace").splitlines() if STATEMENT.search(line))


def lines_in(folder):
    n, ids = 0, set()
    for root, _, files in os.walk(folder):
        for name in files:
            if name.endswith(".ndjson") and not name.startswith("."):
                for line in open(os.path.join(root, name)):
                    n += 1
                    ids.add(json.loads(line)["id"])
    return n, ids


def write_config(path, out, state, urls):
    with open(path, "w") as f:
        f.write("output: { dir: %s }\nstate: %s\nconcurrency: 64\nmax_per_host: 16\nsources:\n" % (out, state))
        for i, u in enumerate(urls):
            f.write('  - { name: feed-%04d, type: feed, url: "%s" }\n' % (i, u))


TICK = os.sysconf("SC_CLK_TCK")


def process_cpu(pid, reaped):
    """CPU seconds of a process and, with `reaped`, of the children it has waited for."""
    try:
        f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(f[11]) + int(f[12]) + ((int(f[13]) + int(f[14])) if reaped else 0)) / TICK


def tree_cpu(root):
    """CPU seconds of a server: its main process with the children it reaped (PostgreSQL's
    backends of sessions that ended), plus its live children (nginx's workers, PostgreSQL's
    writer and checkpointer)."""
    total = process_cpu(root, True)
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                parent = int(open("/proc/%s/stat" % p).read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == root:
                total += process_cpu(int(p), False)
    return total


def machine_idle():
    """(all jiffies, idle + iowait jiffies) of the machine so far."""
    v = list(map(int, open("/proc/stat").readline().split()[1:]))
    return sum(v), v[3] + v[4]


def run_workers(chorus, configs, extra, servers):
    """Starts one `chorus ingest` per config at once; returns the wall seconds until the last
    ends, and the CPU seconds of the workers, of each server (pid) and the machine's idle share
    over that time."""
    before = {name: tree_cpu(pid) for name, pid in servers.items()}
    total0, idle0 = machine_idle()
    start = time.perf_counter()
    procs = [subprocess.Popen([chorus, "ingest", "--config", c] + extra, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in configs]
    cpu = 0.0
    for p in procs:
        err = p.stderr.read()
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        cpu += usage.ru_utime + usage.ru_stime
        assert p.returncode == 0, "bench scale: a worker exited %d: %s" % (p.returncode, err.decode()[-500:])
    wall = time.perf_counter() - start
    time.sleep(0.3)  # the server reaps the ended sessions' backends
    total1, idle1 = machine_idle()
    used = {name: tree_cpu(pid) - before[name] for name, pid in servers.items()}
    return wall, dict(used, chorus=cpu, idle=(idle1 - idle0) / max(total1 - total0, 1))


def main():
    chorus, runs, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]  # log: the cluster's server.log, beside its data folder
    base_url = os.environ["CHORUS_TEST_PG_URL"]
    os.environ["PGPASSWORD"] = os.environ["CHORUS_TEST_PG_PASSWORD"]  # for psql and the workers (libpq)
    if STATEMENTS:
        psql(base_url, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    ingest_driver.with_served_feeds("scale", 2, lambda work, port: bench(chorus, runs, log, base_url, work, port), delay_ms=DELAY_MS)


def pid_in(path):
    return int(open(path).readline())


def bench(chorus, runs, log, base_url, work, port):
    urls = ["http://127.0.0.1:%d/feed-%04d.rss" % (port, i) for i in range(FEEDS)]
    servers = {"postgres": pid_in(os.path.join(os.path.dirname(log), "data", "postmaster.pid")),
               "nginx": pid_in(next(os.path.join(r, f) for r, _, fs in os.walk(work) for f in fs if f == "nginx.pid"))}
    total = FEEDS * ITEMS
    rows, cpus, statement_costs = [], [], ""
    for workers in (0, 1, 2, 4):  # 0: the SQLite single run
        cold, warm, trips_cold, trips_warm, cpu_cold, commits = [], [], [], [], [], []
        for r in range(runs):
            d = os.path.join(work, "w%d-r%d" % (workers, r))
            os.makedirs(d)
            configs = []
            if workers == 0:
                c = os.path.join(d, "sqlite.yaml")
                write_config(c, os.path.join(d, "out-1"), "{ path: %s }" % os.path.join(d, "state.sqlite"), urls)
                configs.append(c)
            else:
                db = "bench_%d_%d" % (workers, r)
                psql(base_url, "CREATE DATABASE %s" % db)
                url = base_url.rsplit("/", 1)[0] + "/" + db
                psql(url, "ALTER DATABASE %s SET log_statement = 'all'" % db)
                # Statements only: logging their parameters (a commit's arrays of 20,000 ids) would
                # cost the server more than the statements themselves.
                psql(url, "ALTER DATABASE %s SET log_parameter_max_length = 0" % db)
                for n in range(1, workers + 1):
                    c = os.path.join(d, "worker-%d.yaml" % n)
                    write_config(c, os.path.join(d, "out-%d" % n), '{ url: "%s" }' % url, urls)
                    configs.append(c)
            offset = log_size(log)
            commits0 = xact_commits(base_url)
            if STATEMENTS and workers == 1 and r == 0:
                psql(base_url, "SELECT pg_stat_statements_reset()")
            wall, cpu = run_workers(chorus, configs, [], servers)
            if STATEMENTS and workers == 1 and r == 0:
                statement_costs = statements_report(base_url, db)
            cold.append(wall)
            cpu_cold.append(cpu)
            commits.append(xact_commits(base_url) - commits0)
            trips_cold.append(statements_since(log, offset))
            n, ids = 0, set()
            for k in range(1, max(workers, 1) + 1):
                kn, kids = lines_in(os.path.join(d, "out-%d" % k))
                n += kn
                ids |= kids
            assert n == total and len(ids) == total, "bench scale: %d workers wrote %d lines (%d distinct), expected %d" % (workers, n, len(ids), total)
            offset = log_size(log)
            warm.append(run_workers(chorus, configs, ["--ignore-schedule"], servers)[0])
            trips_warm.append(statements_since(log, offset))
        rows.append((workers, statistics.median(cold), statistics.median(warm), statistics.median(trips_cold), statistics.median(trips_warm)))
        median_run = sorted(range(runs), key=lambda i: cold[i])[runs // 2]
        cpus.append((workers, cold[median_run], cpu_cold[median_run], statistics.median(commits)))
    report(rows, total)
    report_cpu(cpus)
    if STATEMENTS:
        print(statement_costs)


def statements_report(url, db):
    """The statements of one cold run by server time: calls, rows, total ms, microseconds per row."""
    out = subprocess.run(["psql", "-XAt", "-F", "\t", url, "-c", """
        SELECT calls, rows, round(total_exec_time::numeric, 1), round((1000 * total_exec_time / greatest(rows, 1))::numeric, 1),
            left(regexp_replace(query, '\\s+', ' ', 'g'), 90)
        FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '%s')
        ORDER BY total_exec_time DESC LIMIT 10""" % db], check=True, capture_output=True, text=True).stdout
    lines = ["  server time per statement, cold run of 1 worker (pg_stat_statements): calls, rows, total ms, us/row, statement"]
    lines += ["  %6s %7s %8s %7s  %s" % tuple(l.split("\t")) for l in out.strip().splitlines()]
    return "\n".join(lines)


def xact_commits(url):
    """Transactions committed on the whole cluster so far (every database; the workers' and psql's)."""
    out = subprocess.run(["psql", "-XAt", url, "-c", "SELECT sum(xact_commit) FROM pg_stat_database"],
                         check=True, capture_output=True, text=True).stdout
    return int(out.strip() or 0)


def report_cpu(cpus):
    """Where the cold run's time goes: CPU seconds of the workers, the PostgreSQL server (every
    backend and its writers) and nginx, against what the machine's cores could give in the wall
    time; the machine's idle share (other processes count as busy)."""
    cores = os.cpu_count()
    print("  cold run CPU (median run): chorus, postgres server, nginx; busy = their sum / (%d cores x wall); machine idle" % cores)
    for workers, wall, cpu, commits in cpus:
        name = "sqlite, 1 proc" if workers == 0 else "postgres, %d wkr" % workers
        used = cpu["chorus"] + cpu["postgres"] + cpu["nginx"]
        print("  %-16s wall %5.2f s  chorus %5.2f s  postgres %5.2f s  nginx %4.2f s  busy %3.0f%%  idle %3.0f%%  commits %s"
              % (name, wall, cpu["chorus"], cpu["postgres"], cpu["nginx"], 100 * used / (cores * wall), 100 * cpu["idle"],
                 "-" if workers == 0 else "%d" % commits))


def report(rows, total):
    print("scale benchmark: %d feed sources x %d items (%d items) on loopback nginx%s; workers started together, median of the runs"
          % (FEEDS, ITEMS, total, ", each response delayed %d ms" % DELAY_MS if DELAY_MS else ""))
    print("  %-16s %9s %11s %9s %14s %14s" % ("state", "cold s", "cold items/s", "warm s", "trips/source", "warm trips/src"))
    for workers, cold, warm, tc, tw in rows:
        name = "sqlite, 1 proc" if workers == 0 else "postgres, %d wkr" % workers
        trips = "-" if workers == 0 else "%.2f" % (tc / FEEDS)
        wtrips = "-" if workers == 0 else "%.2f" % (tw / FEEDS)
        print("  %-16s %9.2f %11.0f %9.2f %14s %14s" % (name, cold, total / cold, warm, trips, wtrips))
    by = {w: c for w, c, _, _, _ in rows}
    warm = {w: c for w, _, c, _, _ in rows}
    print("  postgres 1 worker / sqlite (cold wall) = %.2fx (target <= 1.5x) %s"
          % (by[1] / by[0], "OK" if by[1] / by[0] <= 1.5 else "BELOW TARGET"))
    print("  2 workers / 1 worker throughput (cold) = %.2fx (target >= 1.6x) %s"
          % (by[1] / by[2], "OK" if by[1] / by[2] >= 1.6 else "BELOW TARGET"))
    print("  4 workers / 1 worker throughput (cold) = %.2fx" % (by[1] / by[4]))
    print("  warm: 2 workers / 1 = %.2fx, 4 workers / 1 = %.2fx" % (warm[1] / warm[2], warm[1] / warm[4]))
    print("  (this machine has %d cores: workers beyond them share CPU)" % os.cpu_count())


if __name__ == "__main__":
    main()
