import net from 'node:net';

/**
 * The address printed in the start-up banner. With HOST set to one address the server answers
 * only there, so "localhost" would be wrong (HOST=192.168.1.10 never answers on 127.0.0.1);
 * only the wildcard addresses are shown as localhost, which they do include.
 */
export function readyUrl(host: string, port: number): string {
  const h = host.trim();
  if (!h || h === '0.0.0.0' || h === '::' || h === '[::]') return `http://localhost:${port}`;
  return `http://${net.isIPv6(h) ? `[${h}]` : h}:${port}`;
}
