#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb in a temporary directory (as the `postgres`
# user when run as root: PostgreSQL refuses to run as root), trust authentication, loopback only.
#
#   scripts/pg-test-cluster.sh -- <command...>   starts it, runs the command with TEST_PG_URL set,
#                                                stops it and removes the directory on exit
#   scripts/pg-test-cluster.sh start             starts it and prints `TEST_PG_URL=…` and `PG_DIR=…`
#   scripts/pg-test-cluster.sh stop <PG_DIR>     stops one started that way and removes its directory
set -euo pipefail

port="${PG_TEST_PORT:-55432}"
bin=""
for d in /usr/lib/postgresql/*/bin /usr/local/bin /usr/bin; do
  if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then bin="$d"; break; fi
done
if [ -z "$bin" ]; then
  echo "pg-test-cluster: initdb/pg_ctl not found (install the Debian package postgresql)" >&2
  exit 3
fi

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  dir="$(mktemp -d /tmp/xunjian-pg.XXXXXX)"
  chmod 755 "$dir"
  if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    as_owner "$bin/initdb" -D "$dir/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1
  # Tests create and drop a database each: fsync off, as on any throwaway cluster.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
  echo "$dir"
}

stop() {
  as_owner "$bin/pg_ctl" -D "$1/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$1"
}

case "${1:-}" in
  start)
    dir="$(start)"
    echo "TEST_PG_URL=postgresql://postgres@127.0.0.1:$port/postgres"
    echo "PG_DIR=$dir"
    ;;
  stop)
    stop "${2:?usage: pg-test-cluster.sh stop <PG_DIR>}"
    ;;
  --)
    shift
    dir="$(start)"
    trap 'stop "$dir"' EXIT
    TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres" "$@"
    ;;
  *)
    sed -n '2,9p' "$0" >&2
    exit 2
    ;;
esac
