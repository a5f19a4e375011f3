#!/usr/bin/env bash
# Consumer check for `chorus fetch`: against the Python fault server on 127.0.0.1, every
# printed line is one JSON object with the documented keys (checked with jq), a 200 and a 304
# exit 0, failures exit 69 with the documented error kinds, --body writes the body (`-`: to stdout), and sizes
# and durations take the config's units.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${CHORUS_BIN:?CHORUS_BIN must point at the chorus binary}"
work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

python3 -u Tests/Servers/fault_server.py > "$work/server.out" &
server_pid=$!
for _ in $(seq 100); do grep -q '^PORT ' "$work/server.out" 2>/dev/null && break; sleep 0.05; done
port=$(sed -n 's/^PORT //p' "$work/server.out")
[ -n "$port" ] || { echo "fetch check: fault server did not start" >&2; exit 1; }
base="http://127.0.0.1:$port"

keys='["bytes","bytes_on_wire","content_type","error","etag","final_url","last_modified","not_modified","permanent_redirect","retries","status","timings","url"]'
fail() { echo "fetch check: $*" >&2; exit 1; }

# expect_fetch EXIT JQ-CONDITION ARGS...
expect_fetch() {
  local want=$1 cond=$2; shift 2
  local rc=0
  "$CHORUS_BIN" fetch "$@" > "$work/out.json" 2> "$work/err.txt" || rc=$?
  [ "$rc" -eq "$want" ] || fail "chorus fetch $* exited $rc, wanted $want: $(cat "$work/err.txt")"
  [ "$(wc -l < "$work/out.json")" -eq 1 ] || fail "chorus fetch $* printed $(wc -l < "$work/out.json") lines"
  jq -e --argjson keys "$keys" '(keys == $keys) and (.timings == null or (.timings | keys == ["connect","dns","first_byte","tls","total"]))' \
    "$work/out.json" > /dev/null || fail "chorus fetch $*: wrong keys: $(cat "$work/out.json")"
  jq -e "$cond" "$work/out.json" > /dev/null || fail "chorus fetch $*: expected $cond, got $(cat "$work/out.json")"
}

expect_fetch 0 '.status == 200 and .error == null and .etag == "\"v1\"" and .not_modified == false and .bytes == 6' "$base/etag" --body "$work/body.xml"
[ "$(cat "$work/body.xml")" = "<rss/>" ] || fail "--body did not write the decoded body"
expect_fetch 0 '.status == 304 and .not_modified and .bytes == 0 and .error == null' "$base/etag" --etag '"v1"'
expect_fetch 0 '.status == 304' "$base/etag" --last-modified "Tue, 01 Sep 2026 10:00:00 GMT"
expect_fetch 0 '.final_url | endswith("/ok")' "$base/redirect/2"
expect_fetch 0 '.permanent_redirect | endswith("/ok")' "$base/permanent/301"
expect_fetch 69 '.error.kind == "http_status" and .status == 404 and .retries == 0' "$base/status/404"
expect_fetch 69 '.error.kind == "rate_limited" and .status == 429 and .retries == 1' "$base/status/429?retry_after=0" --retries 1
expect_fetch 69 '.error.kind == "too_large"' "$base/big?size=50000" --max-bytes 1000
expect_fetch 69 '.error.kind == "too_many_redirects"' "$base/loop"
expect_fetch 69 '.error.kind == "protocol_not_allowed"' "$base/to-file"
expect_fetch 69 '.error.kind == "timeout"' "$base/hang" --timeout 0.5 --retries 0
expect_fetch 69 '.error.kind == "private_network"' "$base/ok" --deny-private-networks
# The config's units: sizes and durations (bare numbers keep working, above).
expect_fetch 69 '.error.kind == "too_large"' "$base/big?size=50000" --max-bytes 1KiB
expect_fetch 0 '.status == 200 and .bytes == 50000' "$base/big?size=50000" --max-bytes 1MiB
expect_fetch 69 '.error.kind == "timeout"' "$base/hang" --timeout 500ms --retries 0
# --body - : the body on stdout, the JSON report on stderr.
"$CHORUS_BIN" fetch "$base/etag" --body - > "$work/stdout.body" 2> "$work/stderr.json" || fail "--body - exited $?"
[ "$(cat "$work/stdout.body")" = "<rss/>" ] || fail "--body - did not write the body to stdout: $(cat "$work/stdout.body")"
jq -e '.status == 200 and .bytes == 6' "$work/stderr.json" > /dev/null || fail "--body -: no JSON report on stderr: $(cat "$work/stderr.json")"
expect_fetch 69 '(.error.message | contains("SECRET") | not) and (.error.message | contains("access_token=REDACTED"))' \
  "$base/status/401?access_token=SECRET" --header "Authorization: Bearer SECRET"

# Usage errors exit 64 and print nothing on stdout.
rc=0; "$CHORUS_BIN" fetch --header nocolon "$base/ok" > "$work/out.json" 2>/dev/null || rc=$?
[ "$rc" -eq 64 ] && [ ! -s "$work/out.json" ] || fail "a bad --header should exit 64 with empty stdout (got $rc)"
for t in 1e17 inf nan 0 -1 5x 400d; do
  rc=0; "$CHORUS_BIN" fetch --timeout "$t" "$base/ok" > "$work/out.json" 2>/dev/null || rc=$?
  [ "$rc" -eq 64 ] && [ ! -s "$work/out.json" ] || fail "--timeout $t should exit 64 with empty stdout (got $rc)"
done

# Batch mode: one line per URL, in file order.
printf '%s\n' "$base/ok?size=1" "$base/status/404" "$base/etag	\"v1\"" > "$work/urls.txt"
rc=0; "$CHORUS_BIN" fetch --urls-from "$work/urls.txt" > "$work/batch.ndjson" 2>/dev/null || rc=$?
[ "$rc" -eq 1 ] || fail "--urls-from with one failure should exit 1 (got $rc)"
jq -s -e '[.[].status] == [200, 404, 304]' "$work/batch.ndjson" > /dev/null || fail "--urls-from: $(cat "$work/batch.ndjson")"
echo "fetch check: chorus fetch JSON, exit codes and batch mode OK" >&2
