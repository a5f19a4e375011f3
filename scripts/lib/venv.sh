# Sourced by scripts: `chorus_venv DIR PKG...` makes (once) a Python venv at DIR with the
# given PyPI packages and puts its bin/ first on PATH. Idempotent: a marker file records
# the package list, and the venv is rebuilt when it changes.
chorus_venv() {
  local dir=$1; shift
  local want="$*"
  if [ ! -x "$dir/bin/python" ] || [ "$(cat "$dir/.chorus-packages" 2>/dev/null)" != "$want" ]; then
    rm -rf "$dir"
    python3 -m venv "$dir"
    "$dir/bin/python" -m pip install -q --disable-pip-version-check "$@" >&2
    echo "$want" > "$dir/.chorus-packages"
  fi
  export PATH="$dir/bin:$PATH"
}
