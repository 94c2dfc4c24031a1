// CoreDNS for the real node of `npm run deploy:check`, with only the plugins its Corefile uses: the cluster's names
// from the Kubernetes API (kubernetes), the cloud services' names pointed at the local stand-ins (hosts), the address it serves on (bind),
// and errors, log and ready. Importing the few plugin packages instead of core/plugin keeps the build small.
package main

import (
	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/hosts"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/ready"

	"github.com/coredns/coredns/coremain"
)

func main() {
	coremain.Run()
}
