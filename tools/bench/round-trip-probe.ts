import net from 'node:net';
import { performance } from 'node:perf_hooks';

/** An echo server on a free loopback port: delayed with the stack's ports, it shows the round trip they get. */
export async function startEchoServer(): Promise<{ readonly port: number; close(): Promise<void> }> {
  const server = net.createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface EchoRoundTrip {
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly samples: number;
}

/**
 * Sends a byte to the echo server on `port` and reads it back, one connection, until `keepGoing` says stop (with
 * `pauseMs` between samples): the round trip the delay gives, whatever else the machine is doing meanwhile.
 */
async function sampleEchoes(
  port: number,
  pauseMs: number,
  keepGoing: (taken: number) => boolean,
): Promise<EchoRoundTrip> {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  try {
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const times: number[] = [];
    while (keepGoing(times.length)) {
      const sent = performance.now();
      socket.write('x');
      await new Promise((resolve) => socket.once('data', resolve));
      times.push(performance.now() - sent);
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      times.length === 0 ? 0 : Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 100) / 100;
    return { p50Ms: at(0.5), p90Ms: at(0.9), samples: times.length };
  } finally {
    socket.destroy();
  }
}

/** `samples` echo round trips back to back. */
export function echoRoundTrip(port: number, samples: number): Promise<EchoRoundTrip> {
  return sampleEchoes(port, 0, (taken) => taken < samples);
}

/** Runs `work` while an echo round trip is taken every `everyMs`: the round trip under the measurement's load. */
export async function echoRoundTripDuring<T>(
  port: number,
  everyMs: number,
  work: () => Promise<T>,
): Promise<{ result: T; echo: EchoRoundTrip }> {
  let done = false;
  const sampling = sampleEchoes(port, everyMs, () => !done);
  // Handled from the start: a failed echo must not end the process while `work` still runs; it fails this call after.
  sampling.catch(() => undefined);
  try {
    const result = await work();
    done = true;
    return { result, echo: await sampling };
  } finally {
    done = true;
    await sampling.catch(() => undefined);
  }
}
