/*
 * The pod sandbox's process: holds the pod's namespaces until it is told to stop, and reaps the orphans it inherits.
 * Built statically by tools/deploy/pause-image.ts into the sandbox image containerd's CRI starts for every pod
 * (nothing can be pulled here, so the upstream pause image cannot be used).
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void stop(int signal_number) {
  (void)signal_number;
  _exit(0);
}

static void reap(int signal_number) {
  (void)signal_number;
  while (waitpid(-1, 0, WNOHANG) > 0) {
  }
}

int main(void) {
  signal(SIGINT, stop);
  signal(SIGTERM, stop);
  signal(SIGCHLD, reap);
  for (;;) pause();
}
