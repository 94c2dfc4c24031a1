//go:build tools

// Pins promtool (`promtool test rules`, `promtool check rules`) for `npm run test:alerts`.
package tools

import _ "github.com/prometheus/prometheus/cmd/promtool"
