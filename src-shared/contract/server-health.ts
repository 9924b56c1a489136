/**
 * Serve mode's health check, answered over plain HTTP: a page whose WebSocket dropped asks it whether its server is
 * back (and still takes its token) before it opens a new WebSocket.
 */
export const HEALTH_PATH = '/api/health';

/** The health endpoint's answer. `token` says whether the token in the query string is this server's. */
export interface ServerHealth {
  server: 'latent-lab';
  token: 'accepted' | 'refused';
}

/** What a probe found: the server is back, it is not answering, or it answers but refuses the page's token. */
export type ProbeResult = 'up' | 'down' | 'refused';
