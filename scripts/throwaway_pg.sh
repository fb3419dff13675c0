#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for tests and benchmarks: Debian's postgresql package
# (installed when missing), a new cluster in a temporary folder owned by an unprivileged user
# (initdb refuses root), listening on 127.0.0.1 only, with role and database "ikrar".
#
#   source scripts/throwaway_pg.sh [PORT]   # exports IKRAR_TEST_PG_URL and IKRAR_PG_DATA
#   ikrar_pg_stop                           # stops it and deletes the folder
#   (IKRAR_PG_FUNCTIONS_ONLY=1: only define the two functions)
#
# Not for real events: authentication is "trust" on loopback and fsync is off (set
# IKRAR_PG_FSYNC=on for benchmarks that should pay for durable commits).
ikrar_pg_bin() {
    # Nothing (and no failure, under "set -e -o pipefail") before PostgreSQL is installed.
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true
}

ikrar_pg_start() {
    local port="${1:-55432}" bin data owner run
    bin="$(ikrar_pg_bin)"
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        # No "main" cluster started as a service: the tests make their own.
        $sudo mkdir -p /etc/postgresql-common
        echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.conf \
            >/dev/null
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
        bin="$(ikrar_pg_bin)"
    fi
    data="$(mktemp -d /tmp/ikrar-pg.XXXXXX)"
    run=()
    if [ "$(id -u)" = 0 ]; then
        owner="postgres"
        id "$owner" >/dev/null 2>&1 || useradd --system --no-create-home "$owner"
        chown "$owner" "$data"
        run=(runuser -u "$owner" --)
    fi
    "${run[@]}" "$bin/initdb" -D "$data/db" -U ikrar --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$data/initdb.log" 2>&1 || { cat "$data/initdb.log" >&2; return 1; }
    "${run[@]}" "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=${IKRAR_PG_FSYNC:-off}" \
        start >/dev/null || { cat "$data/server.log" >&2; return 1; }
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U ikrar ikrar || return 1
    IKRAR_PG_DATA="$data"
    IKRAR_PG_RUN="${run[*]}"
    export IKRAR_PG_DATA IKRAR_PG_RUN
    export IKRAR_TEST_PG_URL="postgresql://ikrar@127.0.0.1:$port/ikrar"
}

ikrar_pg_stop() {
    [ -n "${IKRAR_PG_DATA:-}" ] || return 0
    # shellcheck disable=SC2086
    $IKRAR_PG_RUN "$(ikrar_pg_bin)/pg_ctl" -D "$IKRAR_PG_DATA/db" -m fast -w stop >/dev/null \
        2>&1 || true
    rm -rf "$IKRAR_PG_DATA"
    unset IKRAR_PG_DATA
}

[ -n "${IKRAR_PG_FUNCTIONS_ONLY:-}" ] || ikrar_pg_start "$@"
