#!/usr/bin/env bash
# Everything the tests and checks need, installed once and cached under .cache/ (second run: a few file checks);
# image-tools.sh: the images test project (*.image.test.ts) and `npm run images:build`.
set -euo pipefail
here="$(dirname "$0")"
bash "$here/runtime.sh"
bash "$here/validators.sh"
bash "$here/alert-tools.sh"
bash "$here/sync-tools.sh"
bash "$here/image-tools.sh"
bash "$here/chromium.sh"
