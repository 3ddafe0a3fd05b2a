import { connect } from 'node:net';

/** Whether something accepts a TCP connection at `host:port` before `signal` aborts (the connection is closed at once). */
export function tcpReachable(address: string, signal: AbortSignal): Promise<boolean> {
  const separator = address.lastIndexOf(':');
  const host = address.slice(0, separator).replace(/^\[|\]$/g, '');
  const port = Number(address.slice(separator + 1));
  return new Promise((resolve) => {
    const socket = connect({ host, port, signal });
    const settle = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
  });
}
