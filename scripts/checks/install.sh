#!/usr/bin/env bash
# Install check: scripts/install into a temporary prefix (one release build with the Swift
# standard library linked in; later checks reuse it), then run the installed binary as cron
# would: from /, with an empty environment and HOME out of reach. It must not need the
# toolchain's libraries, must find the lexicons under the prefix (a word added to the
# installed lexicon is scored, so the checkout's copy is not what it reads), fetch, score and
# write a real run, and come with its man page, completions and cron files.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "install check: $*" >&2; exit 1; }

prefix="$work/prefix"
scripts/install "$prefix" 2> "$work/install.log" || { cat "$work/install.log" >&2; fail "scripts/install failed"; }
bin="$prefix/bin/chorus"
[ -x "$bin" ] || fail "no $bin"

# Package.swift declares no platform it does not build on.
swift package dump-package 2>/dev/null | jq -e '.platforms == []' > /dev/null || fail "Package.swift declares platforms"

# The Swift runtime is linked in: no libswift*.so among the needed libraries.
if readelf -d "$bin" | grep -E 'NEEDED.*libswift|NEEDED.*libFoundation|NEEDED.*libdispatch'; then
  fail "the installed binary needs the Swift toolchain's shared libraries"
fi

run() { (cd / && env -i HOME=/nonexistent PATH=/usr/bin:/bin "$@"); }

# The lexicons come from the prefix: a made-up word added there is scored positive.
printf 'zqxjvortle\t3.5\n' >> "$prefix/share/chorus/sentiment/lexicon-en.tsv"
run "$bin" score zqxjvortle | jq -e '.sentiment.label == "positive"' > /dev/null \
  || fail "the installed binary does not read the lexicons installed beside it: $(run "$bin" score zqxjvortle 2>&1)"

# A real run from /, config and output in a folder of their own.
python3 -u scripts/lib/samples_server.py Samples > "$work/server.out" &
server_pid=$!
for _ in $(seq 100); do grep -q '^PORT ' "$work/server.out" 2>/dev/null && break; sleep 0.05; done
port=$(sed -n 's/^PORT //p' "$work/server.out")
[ -n "$port" ] || fail "the samples server did not start"
mkdir -p "$work/site"
cat > "$work/site/chorus.yaml" <<YAML
output: { dir: out }
state: { path: state/chorus.sqlite }
sources:
  - { name: reuters-zte, type: feed, url: "http://127.0.0.1:$port/reuters-zte.rss" }
YAML
run CHORUS_CONFIG="$work/site/chorus.yaml" "$bin" ingest 2> "$work/ingest.err" || fail "ingest failed: $(cat "$work/ingest.err")"
[ ! -s "$work/ingest.err" ] || fail "ingest was not quiet: $(cat "$work/ingest.err")"
files=("$work"/site/out/date=*/*.ndjson)
[ -f "${files[0]}" ] || fail "ingest wrote no NDJSON under $work/site/out"
jq -s -e 'length > 0 and all(.sentiment != null)' "${files[@]}" > /dev/null || fail "items without sentiment"
run "$bin" status --config "$work/site/chorus.yaml" --format json | jq -e '.sources[0].state == "ok"' > /dev/null || fail "status"

# Man page, completions and cron files.
if command -v man > /dev/null; then
  man -l "$prefix/share/man/man1/chorus.1" > "$work/man.txt" 2>/dev/null || fail "man cannot render chorus(1)"
else  # no man-db: read the roff source, unescaping its minus signs
  sed 's/\\-/-/g; s/\\f[BIR]//g' "$prefix/share/man/man1/chorus.1" > "$work/man.txt"
fi
grep -q 'chorus status' "$work/man.txt" || fail "the man page does not list chorus status"
grep -q -- '--fail-after duration' "$work/man.txt" || fail "the man page lacks the options"
bash -n "$prefix/share/bash-completion/completions/chorus" || fail "the bash completion does not parse"
bash -c ". '$prefix/share/bash-completion/completions/chorus' && complete -p chorus" > /dev/null || fail "the bash completion registers nothing"
grep -q 'status' "$prefix/share/zsh/site-functions/_chorus" || fail "zsh completion"
grep -q 'status' "$prefix/share/fish/vendor_completions.d/chorus.fish" || fail "fish completion"
grep -q "ExecStart=$prefix/bin/chorus ingest" "$prefix/share/chorus/cron/chorus.service" || fail "the systemd unit does not run the installed binary"
grep -q "$prefix/bin/chorus ingest" "$prefix/share/chorus/cron/crontab.example" || fail "the crontab does not run the installed binary"
echo "install check: static binary, lexicons from the prefix, a run from / with an empty environment, man page and completions OK" >&2
