#!/usr/bin/env bash
# Installs the Go tools that validate rendered output (what `npm run check`, `validate` and `diff` run) into .cache/bin,
# at pinned versions, and nothing else (the alert tests' promtool and amtool: alert-tools.sh):
# - kubeconform with `go install module@version` (version in tools/versions.env);
# - netpolicy (np-guard netpol-analyzer) and kube-score from their tool modules in tools/go/<tool>, whose go.mod pins
#   the version and whose go.sum pins every checksum (their proxy listings are not served here, so `go install @version`
#   cannot resolve them; a module with a committed go.sum can).
# Each binary is stored under a name that changes with its pin, so a bump rebuilds it; otherwise nothing is rebuilt.
source "$(dirname "$0")/lib.sh"

bin_dir="$CACHE_DIR/bin"
mkdir -p "$bin_dir"
export GOPATH="$CACHE_DIR/go" GOFLAGS="-modcacherw"

install_go_tool() {
  local name="$1" module="$2" version="$3"
  local versioned="$bin_dir/$name@$version"
  if [[ ! -x "$versioned" ]]; then
    require go "the validation tools are built with Go"
    log "installing $name $version"
    local gobin
    gobin="$(mktemp -d "$CACHE_DIR/gobin.XXXXXX")"
    GOBIN="$gobin" GOFLAGS="-mod=mod -modcacherw" go install "$module@$version"
    mv "$gobin/$name" "$versioned"
    rm -rf "$gobin"
  fi
  ln -sfn "$name@$version" "$bin_dir/$name"
}

install_go_tool kubeconform "$KUBECONFORM_MODULE" "$KUBECONFORM_VERSION"
build_tool_module netpolicy github.com/np-guard/netpol-analyzer/cmd/netpolicy
build_tool_module kube-score github.com/zegl/kube-score/cmd/kube-score
