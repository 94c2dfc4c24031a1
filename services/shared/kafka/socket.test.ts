import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { noDelaySocketFactory } from './socket.js';

describe('noDelaySocketFactory (the sockets kafkajs opens to the brokers)', () => {
  const servers: net.Server[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    for (const server of servers.splice(0)) server.close();
  });

  it('connects to the broker with Nagle off and keep-alive on, and calls back once connected', async () => {
    const server = net.createServer((socket) => socket.pipe(socket));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const noDelay = vi.spyOn(net.Socket.prototype, 'setNoDelay');
    const keepAlive = vi.spyOn(net.Socket.prototype, 'setKeepAlive');

    const echoed = await new Promise<string>((resolve) => {
      const socket = noDelaySocketFactory({
        host: '127.0.0.1',
        port,
        ssl: undefined as never,
        onConnect: () => socket.write('ping'),
      });
      socket.once('data', (data) => {
        resolve(data.toString());
        socket.destroy();
      });
    });

    expect(echoed).toBe('ping');
    expect(noDelay).toHaveBeenCalledWith(true);
    expect(keepAlive).toHaveBeenCalledWith(true, 60_000);
  });
});
