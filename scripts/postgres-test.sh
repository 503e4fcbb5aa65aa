#!/usr/bin/env bash
# A private PostgreSQL cluster for tests and benchmarks, on a loopback port, owned by the
# `postgres` user and living under /tmp (never the system cluster):
#   scripts/postgres-test.sh start [PORT]   prints the DATABASE_URL to stdout
#   scripts/postgres-test.sh stop [PORT]
# Installs PostgreSQL from Debian first when it is missing (scripts/install-system.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:?usage: scripts/postgres-test.sh start|stop [PORT]}
port=${2:-${SECONDLOOK_PG_PORT:-54329}}
dir=${TMPDIR:-/tmp}/secondlook-pg-$port
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
  bash scripts/install-system.sh >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
      as_postgres "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    if ! as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" \
        start >/dev/null
    fi
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -f "$dir/PG_VERSION" ]; then
      as_postgres "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
      rm -rf "$dir"
    fi
    ;;
  *)
    echo "usage: scripts/postgres-test.sh start|stop [PORT]" >&2
    exit 2
    ;;
esac
