import type { ServerResponse } from 'node:http';
import type { ServerHealth } from '../../src-shared/contract/server-health';
import { tokenMatches } from './ws-transport';

/**
 * Answers the health check. Always 200 with a JSON body, so a browser never logs a failed request for it; the body
 * says whether the query's token is right. Same-origin only (no CORS headers): another site cannot read it.
 */
export function answerHealth(url: URL, token: string, res: ServerResponse): void {
  const health: ServerHealth = { server: 'latent-lab', token: tokenMatches(url.searchParams.get('token'), token) ? 'accepted' : 'refused' };
  // `Connection: close`: each probe then opens a new connection, as the WebSocket that follows it must.
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', Connection: 'close' });
  res.end(JSON.stringify(health));
}
