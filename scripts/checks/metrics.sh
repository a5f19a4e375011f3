#!/usr/bin/env bash
# Consumer check for `metrics.textfile`: a run against the loopback samples server (one good
# source, one that answers 404) writes the file, and Prometheus's own Python client parses it
# (prometheus_client's text parser, as node_exporter's textfile collector reads the format):
# gauges with HELP and TYPE, the run's exit code, per-source outcome, HTTP status and items.
# Needs $CHORUS_BIN; uses the .venv-test venv (prometheus-client) that scripts/test puts on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${CHORUS_BIN:?set CHORUS_BIN to the chorus executable}"
if ! python3 -c 'import prometheus_client' 2>/dev/null; then
  . scripts/lib/venv.sh
  chorus_venv .venv-test duckdb jsonschema prometheus-client
fi
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "metrics check: $*" >&2; exit 1; }

python3 -u scripts/lib/samples_server.py "$PWD/Samples" > "$work/port" &
server=$!
for _ in $(seq 100); do grep -q '^PORT ' "$work/port" && break; sleep 0.05; done
base="http://127.0.0.1:$(awk '/^PORT /{print $2; exit}' "$work/port")"
cat > "$work/chorus.yaml" <<YAML
output: { dir: out }
state: { path: state/chorus.sqlite }
metrics: { textfile: textfile/chorus.prom }
sources:
  - { name: reuters-zte, type: feed, url: "$base/reuters-zte.rss" }
  - { name: gone, type: feed, url: "$base/missing.rss" }
YAML
rc=0
"$CHORUS_BIN" ingest --config "$work/chorus.yaml" 2> "$work/stderr" || rc=$?
[ "$rc" -eq 1 ] || fail "expected exit 1 (one source fails), got $rc: $(cat "$work/stderr")"
[ -f "$work/textfile/chorus.prom" ] || fail "no textfile written"
[ "$(ls -A "$work/textfile")" = "chorus.prom" ] || fail "temporary files left beside the textfile: $(ls -A "$work/textfile")"

python3 - "$work/textfile/chorus.prom" <<'PY' || fail "the textfile does not parse or lacks samples"
import sys
from prometheus_client.parser import text_string_to_metric_families

text = open(sys.argv[1], encoding="utf-8").read()
families = {f.name: f for f in text_string_to_metric_families(text)}
def value(name, **labels):
    for s in families[name].samples:
        if all(s.labels.get(k) == v for k, v in labels.items()):
            return s.value
    raise SystemExit(f"no sample {name}{labels}")
assert all(f.type == "gauge" and f.documentation for f in families.values()), "every family is a documented gauge"
assert value("chorus_run_exit_code") == 1
assert value("chorus_run_partial") == 1
assert value("chorus_source_up", source="reuters-zte") == 1
assert value("chorus_source_up", source="gone") == 0
assert value("chorus_source_http_status", source="gone") == 404
assert value("chorus_source_items", source="reuters-zte", kind="new") > 0
assert value("chorus_source_fetch", source="gone", outcome="error") == 1
assert value("chorus_source_consecutive_failures", source="gone") == 1
assert value("chorus_source_last_success_timestamp_seconds", source="reuters-zte") > 1.7e9
print(f"metrics check: {len(families)} families parsed by prometheus_client", file=sys.stderr)
PY
echo "metrics check: the textfile parses with Prometheus's client and carries the run and its sources" >&2
