#!/usr/bin/env bash
# Builds what the alert tests run (`npm run test:alerts`, and `npm test` through all.sh) into .cache/bin: promtool and
# amtool from their tool modules in tools/go/<tool>. They are the largest Go builds of the project (Prometheus and
# Alertmanager), so the validators (validators.sh) do not wait for them.
source "$(dirname "$0")/lib.sh"

build_tool_module promtool github.com/prometheus/prometheus/cmd/promtool
build_tool_module amtool github.com/prometheus/alertmanager/cmd/amtool
