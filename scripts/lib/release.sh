# The release build as deployed (scripts/install): Swift runtime and Foundation linked statically,
# one self-contained file for cron hosts, with ~10 ms less start-up per process than dynamic
# linking. Every script that needs a release binary (install, demo, bench, eval) takes this one,
# so they measure what users run and share one build: a dynamic `-c release` build would reuse
# the same folder and rebuild everything on each switch.
# Usage: . scripts/lib/release.sh; bin="$(chorus_release_bin)"   (prints the path; build log on stderr)
chorus_release_bin() {
  swift build -c release --static-swift-stdlib --product chorus >&2
  echo "$(swift build -c release --static-swift-stdlib --show-bin-path)/chorus"
}
