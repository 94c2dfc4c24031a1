# Shared helpers for the install scripts: where the repository and its caches live, and the pinned versions.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE_DIR="${PLATFORM_CACHE_DIR:-$REPO_ROOT/.cache}"
# shellcheck source=../versions.env
source "$REPO_ROOT/tools/versions.env"
mkdir -p "$CACHE_DIR"

log() { printf '[install] %s\n' "$*" >&2; }

require() {
  command -v "$1" >/dev/null 2>&1 || { log "missing '$1': $2"; exit 1; }
}
