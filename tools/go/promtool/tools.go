//go:build tools

// Pins Prometheus's promtool for `npm run validate` (rule syntax) and the alert tests (`promtool test rules`);
// go.sum pins its checksums.
package tools

import (
	_ "github.com/prometheus/prometheus/cmd/promtool"
)
