import net from 'node:net';
import { performance } from 'node:perf_hooks';

/** An echo server on a free loopback port: delayed with the stack's ports, it shows the round trip they get. */
export async function startEchoServer(): Promise<{ readonly port: number; close(): Promise<void> }> {
  const server = net.createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The round trip actually seen: a byte sent to the echo server and read back `samples` times on one connection. */
export async function echoRoundTrip(port: number, samples: number): Promise<{ p50Ms: number; p90Ms: number }> {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  try {
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const times: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      const sent = performance.now();
      socket.write('x');
      await new Promise((resolve) => socket.once('data', resolve));
      times.push(performance.now() - sent);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 100) / 100;
    return { p50Ms: at(0.5), p90Ms: at(0.9) };
  } finally {
    socket.destroy();
  }
}
