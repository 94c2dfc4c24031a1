#!/usr/bin/env bash
# Installs what `npm run sync:check` runs, at pinned versions, into .cache/sync-tools (idempotent; a second run only
# checks files and relinks):
# - tools/go/kubernetes: one binary for etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kubectl (and
#   kubelet and kube-proxy, which `npm run deploy:check` runs as its real node);
# - tools/go/argocd: one binary for Argo CD's application controller and repo server, and KWOK;
# - data files from those modules at the same versions: KWOK's Stage configs and Argo CD's git wrapper;
# - Redis from Debian's packages.
# A cold build takes minutes (the closing numbers are in docs/operations/sync-check.md); a warm one, seconds.
source "$(dirname "$0")/lib.sh"

bash "$(dirname "$0")/redis.sh"

module_version() { awk -v m="$2" '$1 == m { print $2; exit }' "$REPO_ROOT/tools/go/$1/go.mod"; }

kubernetes_version="$(module_version kubernetes k8s.io/kubernetes)"
argocd_version="$(module_version argocd github.com/argoproj/argo-cd/v3)"
kube_minor="$(cut -d. -f2 <<<"$kubernetes_version")"
version_flags=""
for package in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  version_flags+=" -X $package.gitVersion=$kubernetes_version -X $package.gitMajor=1 -X $package.gitMinor=$kube_minor"
done
build_tool_module kubernetes . -ldflags "-s -w$version_flags"
build_tool_module argocd . -ldflags "-s -w -X github.com/argoproj/argo-cd/v3/common.version=${argocd_version#v}"

target="$CACHE_DIR/sync-tools"
stamp="$target/.installed-from"
wanted="$(readlink "$CACHE_DIR/bin/kubernetes") $(readlink "$CACHE_DIR/bin/argocd")"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
  exit 0
fi

staging="$(mktemp -d "$CACHE_DIR/sync-tools-staging.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/bin" "$staging/kwok-stages"
for command in etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet kube-proxy; do
  ln -s "../../bin/$(readlink "$CACHE_DIR/bin/kubernetes")" "$staging/bin/$command"
done
for command in argocd argocd-application-controller argocd-repo-server argocd-git-ask-pass kwok; do
  ln -s "../../bin/$(readlink "$CACHE_DIR/bin/argocd")" "$staging/bin/$command"
done

argocd_dir="$(tool_module_dir argocd github.com/argoproj/argo-cd/v3)"
# The repo server runs git through this wrapper (argo-cd's Dockerfile puts it on PATH).
install -m 0755 "$argocd_dir/hack/git-verify-wrapper.sh" "$staging/bin/git-verify-wrapper.sh"

kwok_dir="$(tool_module_dir argocd sigs.k8s.io/kwok)"
# Nodes that initialize and keep their lease; pods that get created, ready, complete (Job pods) and deleted.
for stage in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease; do
  cp "$kwok_dir/kustomize/stage/$stage.yaml" "$staging/kwok-stages/"
done
for file in $(awk '/^- /{print $2}' "$kwok_dir/kustomize/stage/pod/general/kustomization.yaml"); do
  cp "$kwok_dir/kustomize/stage/pod/general/$file" "$staging/kwok-stages/"
done
chmod -R u+w "$staging"

echo "$wanted" >"$staging/.installed-from"
rm -rf "$target"
mv "$staging" "$target"
trap - EXIT
log "sync-check tools: Kubernetes $kubernetes_version, Argo CD $argocd_version, KWOK $(module_version argocd sigs.k8s.io/kwok) in $target"
