// One binary for what acts on the loopback cluster of `npm run sync:check`: Argo CD's application controller and repo
// server (as Argo CD's own cmd/main.go dispatches them, by the name it is called as) and KWOK, which plays the nodes
// and the pods. They share Kubernetes' client libraries at one version, so they are compiled and linked once.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"k8s.io/klog/v2"

	appcontroller "github.com/argoproj/argo-cd/v3/cmd/argocd-application-controller/commands"
	gitaskpass "github.com/argoproj/argo-cd/v3/cmd/argocd-git-ask-pass/commands"
	reposerver "github.com/argoproj/argo-cd/v3/cmd/argocd-repo-server/commands"
	"github.com/argoproj/argo-cd/v3/util/log"
	"sigs.k8s.io/kwok/pkg/config"
	kwok "sigs.k8s.io/kwok/pkg/kwok/cmd"
	kwoklog "sigs.k8s.io/kwok/pkg/log"
	"sigs.k8s.io/kwok/pkg/utils/signals"
)

func argocd(newCommand func() *cobra.Command) func() int {
	return func() int {
		// As Argo CD's cmd/main.go: klog through Argo CD's logger. (Its grpc.DisableSRVLookups() is not needed: SRV
		// lookups are only switched on by the grpclb balancer, which Argo CD's CLI links and this binary does not.)
		klog.SetLogger(log.NewLogrusLogger(log.NewWithCurrentConfig()))
		if err := newCommand().Execute(); err != nil {
			return 1
		}
		return 0
	}
}

// runKwok is KWOK's cmd/kwok/main.go.
func runKwok() int {
	flagset := pflag.NewFlagSet("global", pflag.ContinueOnError)
	flagset.ParseErrorsAllowlist.UnknownFlags = true
	flagset.Usage = func() {}
	ctx := signals.SetupSignalContext()
	ctx, logger := kwoklog.InitFlags(ctx, flagset)
	ctx, err := config.InitFlags(ctx, flagset)
	if err != nil {
		_, _ = os.Stderr.Write([]byte(flagset.FlagUsages()))
		logger.Error("Init config flags", "err", err)
		return 1
	}
	command := kwok.NewCommand(ctx)
	command.PersistentFlags().AddFlagSet(flagset)
	if err := command.ExecuteContext(ctx); err != nil {
		logger.Error("Execute exit", "err", err)
		return 1
	}
	return 0
}

var commands = map[string]func() int{
	"argocd-application-controller": argocd(appcontroller.NewCommand),
	"argocd-repo-server":            argocd(reposerver.NewCommand),
	// The repo server runs git with this binary, under this name, as its credential helper.
	"argocd-git-ask-pass": argocd(gitaskpass.NewCommand),
	"kwok":                runKwok,
}

func main() {
	name := filepath.Base(os.Args[0])
	// Argo CD runs itself under another role this way (e.g. git's GIT_ASKPASS=argocd with ARGOCD_BINARY_NAME set).
	if override := os.Getenv("ARGOCD_BINARY_NAME"); override != "" {
		name = override
	}
	run, ok := commands[name]
	if !ok && len(os.Args) > 1 {
		if run, ok = commands[os.Args[1]]; ok {
			os.Args = os.Args[1:]
		}
	}
	if !ok {
		fmt.Fprintln(os.Stderr, "usage: argocd argocd-application-controller|argocd-repo-server|argocd-git-ask-pass|kwok [args...]")
		os.Exit(2)
	}
	os.Exit(run())
}
