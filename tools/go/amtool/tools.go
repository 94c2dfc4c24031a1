//go:build tools

// Pins amtool (`amtool check-config`) for `npm run test:alerts`.
package tools

import _ "github.com/prometheus/alertmanager/cmd/amtool"
