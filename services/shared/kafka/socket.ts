import net from 'node:net';
import tls from 'node:tls';
import type { ISocketFactory } from 'kafkajs';

// kafkajs's own default: TCP keep-alive after a minute idle.
const KEEP_ALIVE_DELAY_MS = 60_000;

/**
 * kafkajs's socket factory with Nagle's algorithm off (TCP_NODELAY), as the Java client and the broker itself set it.
 * With Nagle on, a request written while an earlier one on the same connection is not yet acknowledged (the API's
 * produce calls in flight together, the worker's offset commit or heartbeat next to a fetch) is held until that
 * acknowledgement arrives, which the broker's TCP may delay by up to its delayed-ACK timer: a wait, not work.
 */
export const noDelaySocketFactory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
  const socket = ssl
    ? tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), ...ssl }, onConnect)
    : net.connect({ host, port }, onConnect);
  socket.setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
  socket.setNoDelay(true);
  return socket;
};
