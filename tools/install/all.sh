#!/usr/bin/env bash
# Everything the tests and checks need, installed once and cached under .cache/ (second run: a few file checks).
set -euo pipefail
here="$(dirname "$0")"
bash "$here/runtime.sh"
bash "$here/go-tools.sh"
bash "$here/sync-tools.sh"
bash "$here/chromium.sh"
