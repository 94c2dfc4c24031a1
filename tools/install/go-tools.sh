#!/usr/bin/env bash
# Installs the Go tools that validate rendered output, with `go install` at pinned versions, into .cache/bin.
# Each binary is installed under a versioned name so a version bump reinstalls it.
source "$(dirname "$0")/lib.sh"

bin_dir="$CACHE_DIR/bin"
mkdir -p "$bin_dir"

install_go_tool() {
  local name="$1" module="$2" version="$3"
  local versioned="$bin_dir/$name@$version"
  if [[ ! -x "$versioned" ]]; then
    require go "the validation tools are installed with go install"
    log "installing $name $version"
    local gobin
    gobin="$(mktemp -d "$CACHE_DIR/gobin.XXXXXX")"
    GOBIN="$gobin" GOFLAGS="-mod=mod -modcacherw" GOPATH="${GOPATH:-$CACHE_DIR/go}" go install "$module@$version"
    mv "$gobin/$name" "$versioned"
    rm -rf "$gobin"
  fi
  ln -sfn "$name@$version" "$bin_dir/$name"
}

install_go_tool kubeconform "$KUBECONFORM_MODULE" "$KUBECONFORM_VERSION"
