#!/usr/bin/env bash
# Installs the Redis server from Debian's packages when it is not there yet (Argo CD's cache in `npm run sync:check`).
source "$(dirname "$0")/lib.sh"

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
apt_install Redis redis-server
# The package may start a system Redis on 6379; `npm run sync:check` runs its own on a port of its own and leaves it alone.
command -v redis-server >/dev/null
log "Redis installed: $(redis-server --version)"
