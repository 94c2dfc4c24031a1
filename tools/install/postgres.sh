#!/usr/bin/env bash
# Installs the PostgreSQL server from Debian's packages when it is not there yet.
source "$(dirname "$0")/lib.sh"

bindir="/usr/lib/postgresql/$POSTGRES_MAJOR/bin"
if [[ -x "$bindir/postgres" && -x "$bindir/initdb" && -x "$bindir/pg_ctl" ]]; then
  exit 0
fi
apt_install PostgreSQL "postgresql-$POSTGRES_MAJOR"
# The Debian package starts a system cluster on 5432; the local stack runs its own on another port and leaves that one alone.
test -x "$bindir/postgres"
log "PostgreSQL $POSTGRES_MAJOR installed in $bindir"
