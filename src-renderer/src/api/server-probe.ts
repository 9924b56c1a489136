import type { ProbeResult } from '../../../src-shared/contract/server-health';
import { probeHealth } from './probe-health';
import type { ProbeReply, ProbeRequest } from './server-probe.worker';

/**
 * Health probes run in a worker (see server-probe.worker.ts). The worker is started with the client, while the
 * server that served the page is surely up: its script comes from that server. Should it fail to start, probes
 * fall back to fetch in the page, which works the same but lets Chromium log each refusal.
 */
export function createProber(): (url: string) => Promise<ProbeResult> {
  const waiting = new Map<number, (result: ProbeResult) => void>();
  let nextId = 1;
  let worker: Worker | null = new Worker(new URL('./server-probe.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<ProbeReply>) => {
    waiting.get(event.data.id)?.(event.data.result);
    waiting.delete(event.data.id);
  };
  worker.onerror = () => {
    worker?.terminate();
    worker = null;
    for (const resolve of waiting.values()) resolve('down');
    waiting.clear();
  };
  return (url) => {
    if (!worker) return probeHealth(url);
    const id = nextId++;
    const request: ProbeRequest = { id, url };
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      worker?.postMessage(request);
    });
  };
}
