//go:build tools

// Pins kube-score, the generic manifest linter of `npm run validate`; go.sum pins its checksums.
package tools

import (
	_ "github.com/zegl/kube-score/cmd/kube-score"
)
