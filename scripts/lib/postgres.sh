# Sourced by scripts: `chorus_postgres_start` starts a throwaway PostgreSQL cluster on 127.0.0.1
# in a temporary folder and exports CHORUS_TEST_PG_URL (and CHORUS_TEST_PG_PASSWORD) for the
# tests; `chorus_postgres_stop` stops it and deletes the folder. PostgreSQL refuses to run as
# root, so as root the cluster belongs to the `postgres` user (Debian's postgresql package
# creates it). Durability is off (fsync): the cluster lives for one test run. Its server options
# are in its postgresql.conf, so `chorus_postgres_ctl` can stop, start and restart it; the
# PostgreSQL fault tests start a private cluster of their own that way, so that restarting it
# never disturbs the tests that run beside them on the shared one.
chorus_postgres_start() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "chorus postgres: no PostgreSQL server (install the Debian package postgresql: scripts/setup test)" >&2
    return 1
  fi
  CHORUS_PG_DIR=$(mktemp -d /tmp/chorus-pg.XXXXXX)
  CHORUS_PG_AS=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$CHORUS_PG_DIR"
    CHORUS_PG_AS=(runuser -u postgres --)
  fi
  local port password
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  printf '%s\n' "$password" > "$CHORUS_PG_DIR/pw"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$CHORUS_PG_DIR/pw"
  "${CHORUS_PG_AS[@]}" "$bin/initdb" -D "$CHORUS_PG_DIR/data" -U chorus --pwfile="$CHORUS_PG_DIR/pw" \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync -E UTF8 --locale=C.UTF-8 >"$CHORUS_PG_DIR/initdb.log" 2>&1 \
    || { cat "$CHORUS_PG_DIR/initdb.log" >&2; return 1; }
  rm -f "$CHORUS_PG_DIR/pw"
  printf "%s\n" "listen_addresses = '127.0.0.1'" "port = $port" "unix_socket_directories = '$CHORUS_PG_DIR'" \
    "fsync = off" "max_connections = 200" >> "$CHORUS_PG_DIR/data/postgresql.conf"
  chorus_postgres_ctl "$CHORUS_PG_DIR" start || { cat "$CHORUS_PG_DIR/server.log" >&2; return 1; }
  PGPASSWORD=$password "$bin/createdb" -h 127.0.0.1 -p "$port" -U chorus chorus
  export CHORUS_TEST_PG_URL="postgres://chorus@127.0.0.1:$port/chorus"
  export CHORUS_TEST_PG_PASSWORD=$password
  echo "chorus postgres: test cluster on 127.0.0.1:$port ($CHORUS_PG_DIR)" >&2
}

chorus_postgres_stop() {
  [ -n "${CHORUS_PG_DIR:-}" ] && [ -d "$CHORUS_PG_DIR" ] || return 0
  chorus_postgres_ctl "$CHORUS_PG_DIR" remove
  CHORUS_PG_DIR=
}

# `chorus_postgres_ctl DIR start|stop|restart|remove` acts on the cluster that
# chorus_postgres_start made in DIR, as the cluster's own user, and waits until it is done: stop
# and restart are "fast" (open sessions are cut, as in a server shutdown); remove stops it at
# once and deletes DIR.
chorus_postgres_ctl() {
  local dir=$1 action=$2 bin as=()
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ "$(id -u)" -eq 0 ] && as=(runuser -u "$(stat -c %U "$dir")" --)
  case $action in
    start) "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ;;
    restart) "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null ;;
    stop) "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null ;;
    remove)
      "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
      rm -rf "$dir" ;;
    *) echo "chorus_postgres_ctl: unknown action '$action' (start, stop, restart or remove)" >&2; return 2 ;;
  esac
}
