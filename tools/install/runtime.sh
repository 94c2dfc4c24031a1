#!/usr/bin/env bash
# What the local stack needs: the Kafka broker's jars and a PostgreSQL server.
set -euo pipefail
here="$(dirname "$0")"
bash "$here/kafka.sh"
bash "$here/postgres.sh"
