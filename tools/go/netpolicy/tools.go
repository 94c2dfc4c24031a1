//go:build tools

// Pins np-guard's netpol-analyzer (the `netpolicy` command) for `npm run validate`; go.sum pins its checksums.
package tools

import (
	_ "github.com/np-guard/netpol-analyzer/cmd/netpolicy"
)
