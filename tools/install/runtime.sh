#!/usr/bin/env bash
# What the local stack needs: the Kafka broker's jars, a PostgreSQL server, and iptables for its network faults.
set -euo pipefail
here="$(dirname "$0")"
bash "$here/kafka.sh"
bash "$here/postgres.sh"
bash "$here/iptables.sh"
