#!/usr/bin/env bash
# README check: runs ./scripts/demo, then the README's jq and DuckDB block verbatim (the code
# block after the line that names this script), and checks what they print: tab-separated
# positive items from jq, and a DuckDB table with counts per platform and label.
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "readme check: $*" >&2; exit 1; }
block=$(awk '/scripts\/checks\/readme-examples.sh runs this block/ {found=1; next}
             found && /^```sh/ {inside=1; next}
             inside && /^```/ {exit}
             inside {print}' README.md)
[ -n "$block" ] || fail "no example block in README.md"
./scripts/demo > /dev/null 2>&1 || fail "./scripts/demo failed"
out=$(bash -euo pipefail -c "$block") || fail "the README block failed: $out"
jq_lines=$(printf '%s\n' "$out" | grep -c $'\t' || true)
[ "$jq_lines" -gt 0 ] || fail "jq printed no positive items: $out"
printf '%s\n' "$out" | grep -q 'positive' || fail "DuckDB printed no label counts: $out"
printf '%s\n' "$out" | grep -q 'count_star()' || fail "DuckDB printed no table: $out"
echo "readme check: the jq and DuckDB examples work after ./scripts/demo ($jq_lines positive items)" >&2
