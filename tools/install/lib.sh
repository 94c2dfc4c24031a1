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

# Installs Debian packages (as root, or through sudo): apt_install <what it is for> <package>...
apt_install() {
  local why="$1"
  shift
  require apt-get "$why comes from Debian's packages"
  local sudo_cmd=()
  if [[ "$(id -u)" != 0 ]]; then sudo_cmd=(sudo); fi
  log "installing $* from Debian's packages"
  # Two installs at once (two checkouts on one machine) would fail on apt's lock: the second waits for the first.
  (
    flock 9
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  ) 9>"${TMPDIR:-/tmp}/platform-apt.lock"
}

# Builds the Go tool module tools/go/<name> into $CACHE_DIR/bin/<name>@<pin> and links $CACHE_DIR/bin/<name> to it.
# The pin hashes go.mod and go.sum (versions and checksums) and main.go if the module has its own command, so a change
# rebuilds it and anything else reuses the binary. Extra arguments go to `go build` (e.g. -ldflags).
build_tool_module() {
  local name="$1" package="$2"
  shift 2
  local module_dir="$REPO_ROOT/tools/go/$name"
  local pin
  pin="$(cd "$module_dir" && cat go.mod go.sum $([[ -f main.go ]] && echo main.go) | sha256sum | cut -c1-12)"
  local bin_dir="$CACHE_DIR/bin"
  local versioned="$bin_dir/$name@$pin"
  mkdir -p "$bin_dir"
  if [[ ! -x "$versioned" ]]; then
    require go "the tools are built with Go"
    log "building $name from tools/go/$name (pin $pin)"
    local started=$SECONDS
    (cd "$module_dir" && GOPATH="$CACHE_DIR/go" GOFLAGS="-modcacherw" go build -trimpath "$@" -o "$versioned.tmp" "$package")
    mv "$versioned.tmp" "$versioned"
    log "built $name in $((SECONDS - started)) s"
  fi
  ln -sfn "$name@$pin" "$bin_dir/$name"
}

# The folder of a module in the build of tools/go/<name> (at the version its go.mod selects), e.g. for data files.
tool_module_dir() {
  (cd "$REPO_ROOT/tools/go/$1" && GOPATH="$CACHE_DIR/go" GOFLAGS="-modcacherw -mod=mod" go list -m -f '{{.Dir}}' "$2")
}
