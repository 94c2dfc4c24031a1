#!/usr/bin/env bash
# Installs what `npm run deploy:check` runs beside the sync rehearsal's tools (idempotent; a second run only checks):
# - the local stack's Kafka jars and PostgreSQL (runtime.sh): the stand-ins for MSK and RDS run from them;
# - the image build's tools (image-tools.sh: buildah, mmdebstrap, containerd, runc);
# - the sync rehearsal's control plane and Argo CD (sync-tools.sh), whose Kubernetes binary also holds kubelet and
#   kube-proxy;
# - CoreDNS from tools/go/coredns (the cluster DNS of the real node);
# - from Debian's packages: the CNI plugins (the pods' bridge network),
#   iptables (kube-proxy's Services), umoci (the sandbox image) and a static C library for the sandbox's pause program.
source "$(dirname "$0")/lib.sh"

bash "$(dirname "$0")/runtime.sh"
bash "$(dirname "$0")/image-tools.sh"
bash "$(dirname "$0")/sync-tools.sh"
build_tool_module coredns . -ldflags "-s -w"

missing=()
for pair in iptables:iptables umoci:umoci conntrack:conntrack gcc:gcc; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
[[ -x /usr/lib/cni/bridge ]] || missing+=(containernetworking-plugins)
[[ -f /usr/lib/x86_64-linux-gnu/libc.a ]] || missing+=(libc6-dev)
if ((${#missing[@]} > 0)); then apt_install "the deploy rehearsal's node" "${missing[@]}"; fi
