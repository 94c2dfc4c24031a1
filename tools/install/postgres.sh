#!/usr/bin/env bash
# Installs the PostgreSQL server from Debian's packages when it is not there yet.
source "$(dirname "$0")/lib.sh"

bindir="/usr/lib/postgresql/$POSTGRES_MAJOR/bin"
if [[ -x "$bindir/postgres" && -x "$bindir/initdb" && -x "$bindir/pg_ctl" ]]; then
  exit 0
fi
require apt-get "PostgreSQL comes from Debian's packages"
sudo_cmd=()
if [[ "$(id -u)" != 0 ]]; then sudo_cmd=(sudo); fi

log "installing postgresql-$POSTGRES_MAJOR from Debian's packages"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "postgresql-$POSTGRES_MAJOR" >/dev/null
# The Debian package starts a system cluster on 5432; the local stack runs its own on another port and leaves that one alone.
test -x "$bindir/postgres"
log "PostgreSQL $POSTGRES_MAJOR installed in $bindir"
