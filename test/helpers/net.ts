import net from 'node:net';

/**
 * A free loopback port: listen on 0, read it, close. (For servers that must know each other's URL
 * before they start.) Never a privileged port or PostgreSQL's 5432, which the machine's server
 * may take back between this check and the caller's listen. Used by the tests and the benches.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port > 1024 && port !== 5432 ? resolve(port) : freePort().then(resolve, reject)));
    });
  });
}
