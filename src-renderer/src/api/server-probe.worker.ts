import type { ProbeResult, ServerHealth } from '../../../src-shared/contract/server-health';

/**
 * Probes serve mode's health endpoint for a page whose connection dropped. It runs in a dedicated worker because
 * Chromium writes every refused connection a page makes to that page's console as an error — fetch, XHR, image,
 * EventSource and WebSocket alike (measured with Playwright on Debian's Chromium) — while the same refusals in a
 * worker are not: a server that is restarting is expected, and handled, and is no error of the page.
 */
export interface ProbeRequest {
  id: number;
  url: string;
}
export interface ProbeReply {
  id: number;
  result: ProbeResult;
}

/** A server that accepts the connection but does not answer within this is counted as down. */
const PROBE_TIMEOUT_MS = 3000;

async function probe(url: string): Promise<ProbeResult> {
  try {
    const response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!response.ok) return 'down';
    const health = (await response.json()) as Partial<ServerHealth>;
    if (health.server !== 'latent-lab') return 'down';
    return health.token === 'accepted' ? 'up' : 'refused';
  } catch {
    return 'down';
  }
}

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<ProbeRequest>) => void) | null;
  postMessage(reply: ProbeReply): void;
};
scope.onmessage = ({ data }) => {
  void probe(data.url).then((result) => scope.postMessage({ id: data.id, result }));
};
