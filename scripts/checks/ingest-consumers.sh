#!/usr/bin/env bash
# Consumer check for `chorus ingest`: runs the demo's ingest (Config/samples.yaml against the
# loopback samples server) into a temporary folder and reads the output back the way users do:
# DuckDB read_json and jq must agree on the count, ids must be unique, every record must carry
# the fields downstream queries rely on, and the counts must match the run summary. A second
# run must write nothing new, and a dry run must leave output and state byte-for-byte alone.
# Needs $CHORUS_BIN; uses the .venv-test venv (duckdb) that scripts/test puts on PATH, or makes it.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${CHORUS_BIN:?set CHORUS_BIN to the chorus executable}"
if ! python3 -c 'import duckdb' 2>/dev/null; then
  . scripts/lib/venv.sh
  chorus_venv .venv-test duckdb jsonschema prometheus-client
fi
command -v jq >/dev/null || { echo "ingest-consumers: FAIL: jq is not installed (scripts/setup test)" >&2; exit 1; }

tmp=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
failures=0
fail() { echo "ingest-consumers: FAIL: $*" >&2; failures=$((failures + 1)); }

python3 -u scripts/lib/samples_server.py "$PWD/Samples" > "$tmp/port" &
server=$!
for _ in $(seq 100); do grep -q '^PORT ' "$tmp/port" && break; sleep 0.05; done
export CHORUS_SAMPLES_URL="http://127.0.0.1:$(awk '/^PORT /{print $2; exit}' "$tmp/port")"
mkdir -p "$tmp/config"
cp Config/samples.yaml "$tmp/config/samples.yaml"
config="$tmp/config/samples.yaml"

status=0
"$CHORUS_BIN" ingest --config "$config" > "$tmp/stdout" 2> "$tmp/stderr" || status=$?
[ "$status" -eq 0 ] || fail "chorus ingest exited $status: $(cat "$tmp/stderr")"
[ ! -s "$tmp/stdout" ] || fail "chorus ingest printed on stdout (it must be quiet)"
[ ! -s "$tmp/stderr" ] || fail "chorus ingest printed on stderr on success: $(cat "$tmp/stderr")"

mapfile -t files < <(find "$tmp/out" -name '*.ndjson' | sort)
[ ${#files[@]} -eq 1 ] || fail "expected one output file, found ${#files[@]}"
file=${files[0]:-/nonexistent}
case "$file" in */date=????-??-??/chorus-????????T??????Z.ndjson) ;; *) fail "unexpected output path $file" ;; esac
[ -z "$(find "$tmp/out" -name '.*.tmp')" ] || fail "a temporary file was left in the output folder"

summary=$(tail -n 1 "$tmp/state/samples/runs.log")
want=$(jq -r '.totals.new' <<<"$summary")
failed=$(jq -r '.totals.failed_sources' <<<"$summary")
[ "$failed" = 0 ] || fail "run summary reports $failed failed sources: $summary"
jq_count=$(jq -s 'length' "$file")
jq_unique=$(jq -s 'map(.id) | unique | length' "$file")
[ "$jq_count" = "$want" ] || fail "jq reads $jq_count records, the summary says $want new"
[ "$jq_unique" = "$jq_count" ] || fail "ids are not unique ($jq_unique distinct of $jq_count)"
[ "$jq_count" -ge 30 ] || fail "expected the samples to give at least 30 items, got $jq_count"
bad=$(jq -c 'select(.schema_version != 1 or (.id | test("^[0-9a-f]{32}$") | not) or .revision != 0
  or (.keywords | type) != "array" or (.sentiment.label | IN("positive","negative","neutral","mixed") | not)
  or (.fetched_at | type) != "string")' "$file" | head -3)
[ -z "$bad" ] || fail "records with missing or wrong fields: $bad"
names=$(jq -r '.sources[].name' <<<"$summary" | sort | tr '\n' ' ')
seen=$(jq -r '.source' "$file" | sort -u | tr '\n' ' ')
[ "$names" = "$seen" ] || fail "sources in the output ($seen) differ from the configured ones ($names)"
zte=$(jq -s 'map(select(.keywords | index("ZTE"))) | length' "$file")
[ "$zte" -gt 0 ] || fail "no record matched the tracked keyword ZTE"

python3 - "$file" "$jq_count" <<'PY' || fail "DuckDB could not read the output back"
import sys, duckdb
path, want = sys.argv[1], int(sys.argv[2])
con = duckdb.connect()
n, distinct, sources, labels = con.execute(
    "SELECT count(*), count(DISTINCT id), count(DISTINCT source), count(DISTINCT sentiment.label) "
    f"FROM read_json('{path}', format='newline_delimited')").fetchone()
assert n == want, f"DuckDB reads {n} rows, jq {want}"
assert distinct == n, f"DuckDB sees {distinct} distinct ids of {n}"
assert sources >= 10, f"only {sources} sources in the output"
by_platform = dict(con.execute(
    f"SELECT platform, count(*) FROM read_json('{path}', format='newline_delimited') GROUP BY platform").fetchall())
for p in ("rss", "atom", "mastodon", "bluesky", "reddit", "hackernews"):
    assert by_platform.get(p, 0) > 0, f"no {p} rows: {by_platform}"
kw = con.execute(
    f"SELECT count(*) FROM read_json('{path}', format='newline_delimited') WHERE list_contains(keywords, 'ZTE')").fetchone()[0]
assert kw > 0, "list_contains(keywords, 'ZTE') finds nothing"
PY

# A second run finds only duplicates: no new file.
"$CHORUS_BIN" ingest --config "$config" --ignore-schedule 2> "$tmp/stderr2" || fail "second run exited non-zero: $(cat "$tmp/stderr2")"
[ "$(find "$tmp/out" -name '*.ndjson' | wc -l)" -eq 1 ] || fail "the second run wrote a file although nothing was new"
dup=$(tail -n 1 "$tmp/state/samples/runs.log" | jq -r '.totals.new')
[ "$dup" = 0 ] || fail "the second run reports $dup new items"

# A dry run changes nothing.
before=$(cd "$tmp" && find out state -type f -print0 | sort -z | xargs -0 sha256sum)
"$CHORUS_BIN" ingest --config "$config" --dry-run > "$tmp/preview" 2>&1 || fail "dry run exited non-zero"
grep -q ' DUP$' "$tmp/preview" || fail "the dry-run preview shows no DUP rows"
after=$(cd "$tmp" && find out state -type f -print0 | sort -z | xargs -0 sha256sum)
[ "$before" = "$after" ] || fail "the dry run changed the output or the state"

if [ "$failures" -gt 0 ]; then
  echo "ingest-consumers: $failures failure(s)" >&2
  exit 1
fi
echo "ingest-consumers: OK ($jq_count items from $(jq -r '.totals.sources' <<<"$summary") sources; DuckDB and jq agree)" >&2
