import type { ProbeResult, ServerHealth } from '../../../src-shared/contract/server-health';

/** A server that accepts the connection but does not answer within this is counted as down. */
const PROBE_TIMEOUT_MS = 3000;

/** Asks serve mode's health endpoint whether the server is up and takes the token in `url`. */
export async function probeHealth(url: string): Promise<ProbeResult> {
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
