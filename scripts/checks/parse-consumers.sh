#!/usr/bin/env bash
# Consumer check for `chorus parse`: parses every feed in Samples/ and proves the NDJSON is
# what downstream tools expect. Every line must validate against docs/item.schema.json
# (Python jsonschema, draft 2020-12), load in DuckDB (read_json) and in jq with the right
# counts, types and values, and match the golden files in Samples/expected/ byte for byte.
# Needs $CHORUS_BIN; uses the .venv-test venv (duckdb, jsonschema) that scripts/test puts
# on PATH, or makes it. Fails loudly: each broken assertion prints a FAIL line, exit 1.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${CHORUS_BIN:?set CHORUS_BIN to the chorus executable}"
if ! python3 -c 'import duckdb, jsonschema' 2>/dev/null; then
  . scripts/lib/venv.sh
  chorus_venv .venv-test duckdb jsonschema prometheus-client
fi
command -v jq >/dev/null || { echo "parse-consumers: FAIL: jq is not installed (scripts/setup test)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "parse-consumers: FAIL: $*" >&2; failures=$((failures + 1)); }

feeds=()
expected="$tmp/expected.ndjson"
: > "$expected"
for f in Samples/*.rss Samples/*.atom Samples/*.rdf Samples/*.json; do
  [ -e "$f" ] || continue
  stem=$(basename "${f%.*}")
  [ -e "Samples/expected/$stem.ndjson" ] || { fail "no golden file Samples/expected/$stem.ndjson for $f"; continue; }
  feeds+=("$f")
  cat "Samples/expected/$stem.ndjson" >> "$expected"
done
[ ${#feeds[@]} -ge 7 ] || fail "expected at least 7 sample feeds, found ${#feeds[@]}"

out="$tmp/items.ndjson"
status=0
"$CHORUS_BIN" parse --fetched-at 2018-05-14T10:00:00Z "${feeds[@]}" > "$out" 2> "$tmp/stderr" || status=$?
[ "$status" -eq 0 ] || fail "chorus parse exited $status: $(cat "$tmp/stderr")"
lines=$(wc -l < "$out")
want=$(wc -l < "$expected")
[ "$lines" -gt 0 ] || fail "chorus parse printed nothing"
[ "$lines" -eq "$want" ] || fail "chorus parse printed $lines items, the golden files hold $want"
cmp -s "$out" "$expected" || fail "output differs from Samples/expected/*.ndjson (diff: $(diff "$out" "$expected" | head -5))"
grep -q 'warning: recovered' "$tmp/stderr" || fail "the broken sample was not reported as recovered on stderr"

# 1. JSON Schema, line by line, plus the invariants a schema cannot say.
python3 - "$out" docs/item.schema.json <<'PY' || fail "JSON Schema validation"
import json, sys
from jsonschema import Draft202012Validator
path, schema_path = sys.argv[1], sys.argv[2]
schema = json.load(open(schema_path, encoding="utf-8"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
raw = open(path, "rb").read()
raw.decode("utf-8")  # strict: raises on invalid UTF-8
assert raw.endswith(b"\n"), "last line is not newline-terminated"
bad, ids, order = 0, set(), list(schema["properties"])
for n, line in enumerate(raw.decode("utf-8").split("\n")[:-1], 1):
    obj = json.loads(line)
    for err in validator.iter_errors(obj):
        bad += 1
        print(f"line {n}: {'/'.join(map(str, err.absolute_path))}: {err.message}", file=sys.stderr)
    if list(obj) != order:
        bad += 1
        print(f"line {n}: keys out of the documented order", file=sys.stderr)
    if obj["id"] in ids:
        bad += 1
        print(f"line {n}: duplicate id {obj['id']}", file=sys.stderr)
    ids.add(obj["id"])
    if obj["url"] is not None and not obj["url"].startswith(("http://", "https://")):
        bad += 1
        print(f"line {n}: url is not absolute: {obj['url']}", file=sys.stderr)
    for field in ("title", "text"):
        v = obj[field]
        if v is not None and ("<p>" in v or "&amp;" in v or "  " in v or v != v.strip()):
            bad += 1
            print(f"line {n}: {field} is not clean plain text: {v[:80]!r}", file=sys.stderr)
if bad:
    sys.exit(f"{bad} problem(s)")
print(f"parse-consumers: jsonschema: {len(ids)} lines valid", file=sys.stderr)
PY

# 2. DuckDB: read_json infers one consistent table from every line.
python3 - "$out" "$expected" docs/item.schema.json <<'PY' || fail "DuckDB"
import json, sys
import duckdb
path, expected, schema_path = sys.argv[1], sys.argv[2], sys.argv[3]
order = list(json.load(open(schema_path, encoding="utf-8"))["properties"])
golden = [json.loads(l) for l in open(expected, encoding="utf-8")]
con = duckdb.connect()
rel = f"read_json('{path}', format='newline_delimited')"
n = con.execute(f"select count(*) from {rel}").fetchone()[0]
assert n == len(golden), f"duckdb read {n} rows, expected {len(golden)}"
cols = [r[0] for r in con.execute(f"describe select * from {rel}").fetchall()]
assert cols == order, f"columns {cols} are not the schema's keys in order"
by_platform = dict(con.execute(f"select platform, count(*) from {rel} group by platform").fetchall())
want = {}
for g in golden:
    want[g["platform"]] = want.get(g["platform"], 0) + 1
assert by_platform == want, f"per-platform counts {by_platform} != {want}"
dated = con.execute(f"select count(*) from {rel} where published_at is not null and cast(published_at as timestamp) > timestamp '2018-01-01'").fetchone()[0]
assert dated == sum(1 for g in golden if g["published_at"]), f"{dated} published_at values cast to timestamps"
zh = con.execute(f"select count(*) from {rel} where title like '%好消息%' or text like '%好消息%'").fetchone()[0]
assert zh >= 2, f"Chinese text lost: {zh} rows mention 好消息"
replies = con.execute(f"select sum(metrics.replies) from {rel}").fetchone()[0]
assert replies == sum((g["metrics"] or {}).get("replies") or 0 for g in golden), f"metrics.replies sum {replies}"
enc = con.execute(f"select count(*) from (select unnest(enclosures) as e from {rel}) where e.url like 'http%'").fetchone()[0]
assert enc == sum(len(g["enclosures"]) for g in golden), f"{enc} enclosures"
print(f"parse-consumers: duckdb: {n} rows, platforms {sorted(by_platform.items())}", file=sys.stderr)
PY

# 3. jq: the shell consumer.
jq_lines=$(jq -c . "$out" | wc -l)
[ "$jq_lines" -eq "$want" ] || fail "jq read $jq_lines objects, expected $want"
nkeys=$(jq '.properties | length' docs/item.schema.json)
jq -e -s --argjson n "$nkeys" 'all(.[]; (keys | length) == $n and .schema_version == 1 and (.tags | type) == "array" and (.enclosures | type) == "array")' "$out" >/dev/null \
  || fail "jq: a record lacks the fixed shape"
atom=$(jq -r 'select(.platform == "atom") | .url' "$out" | grep -c '^https://')
want_atom=$(jq -r 'select(.platform == "atom") | .url' "$expected" | wc -l)
[ "$atom" -eq "$want_atom" ] || fail "jq: $atom absolute atom urls, expected $want_atom"
jq -e -s 'map(select(.source == "zte-broken")) | length == 3' "$out" >/dev/null || fail "jq: the broken feed should keep 3 items"
jq -e -s 'map(select(.fetched_at != "2018-05-14T10:00:00Z")) | length == 0' "$out" >/dev/null || fail "jq: fetched_at not taken from --fetched-at"

# 4. A malformed file: one stderr line naming it, exit 65, the good file still printed.
printf '<html><body>not a feed</body></html>' > "$tmp/page.html"
status=0
"$CHORUS_BIN" parse "$tmp/page.html" Samples/reuters-zte.rss > "$tmp/mixed.ndjson" 2> "$tmp/mixed.err" || status=$?
[ "$status" -eq 65 ] || fail "malformed file: exit $status, expected 65"
[ "$(wc -l < "$tmp/mixed.err")" -eq 1 ] && grep -q "page.html" "$tmp/mixed.err" || fail "malformed file: stderr was: $(cat "$tmp/mixed.err")"
[ "$(wc -l < "$tmp/mixed.ndjson")" -eq "$(wc -l < Samples/expected/reuters-zte.ndjson)" ] || fail "malformed file: the good file was not printed"

if [ "$failures" -gt 0 ]; then
  echo "parse-consumers: $failures check(s) failed" >&2
  exit 1
fi
echo "parse-consumers: OK ($lines items from ${#feeds[@]} feeds: jsonschema, duckdb, jq)" >&2
