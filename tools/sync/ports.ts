import net from 'node:net';

/**
 * Loopback ports nobody listens on right now, chosen by the kernel (its ephemeral range, away from the local stack's
 * fixed 19092 and 15432). All are held open together so the same port is never handed out twice.
 */
export async function freeLoopbackPorts<Name extends string>(names: readonly Name[]): Promise<Record<Name, number>> {
  const servers = await Promise.all(
    names.map(
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = Object.fromEntries(names.map((name, i) => [name, (servers[i]!.address() as net.AddressInfo).port]));
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports as Record<Name, number>;
}
