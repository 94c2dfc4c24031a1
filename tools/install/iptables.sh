#!/usr/bin/env bash
# Installs iptables from Debian's packages when it is not there yet: the three-broker fault tests drop packets on
# loopback with it (tools/stack/packet-drop.ts). It needs root; without root the install and those faults are skipped.
source "$(dirname "$0")/lib.sh"

if command -v iptables >/dev/null 2>&1 || [[ "$(id -u)" != 0 ]]; then
  exit 0
fi
apt_install "the network fault tests" iptables
command -v iptables >/dev/null
log "iptables installed: $(iptables --version)"
