import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Host } from '../host/host';
import { HEALTH_PATH } from '../../src-shared/contract/server-health';
import { answerHealth } from './health';
import { serveStatic } from './static-files';
import { attachWebSocketTransport, refuseReason } from './ws-transport';

export interface ServeOptions {
  host: Host;
  rendererDir: string;
  port: number;
  bindAddress?: string;
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Serve mode: the built renderer over HTTP and the contract over a WebSocket, on 127.0.0.1 by default.
 * The page carries the token in its URL fragment (never sent in requests); the socket needs it.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const bindAddress = options.bindAddress ?? '127.0.0.1';
  const http: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const url = URL.canParse(req.url ?? '/', 'http://127.0.0.1') ? new URL(req.url ?? '/', 'http://127.0.0.1') : null;
    if (url?.pathname === HEALTH_PATH) {
      answerHealth(url, token, res);
      return;
    }
    serveStatic(options.rendererDir, req.url ?? '/', res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  attachWebSocketTransport(wss, options.host);

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, bindAddress, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const allowedOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://${bindAddress}:${port}`];

  http.on('upgrade', (req, socket, head) => {
    const reason = refuseReason(req, { token, allowedOrigins });
    if (reason) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  return {
    url: `http://${bindAddress}:${port}/#token=${token}`,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      // A browser's keep-alive connections would hold the close open, and keep reaching this dying server.
      http.closeAllConnections();
      await closed;
    },
  };
}
