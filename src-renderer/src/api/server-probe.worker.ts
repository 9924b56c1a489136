// The health probe's dedicated worker. Probes run here, not in the page, because Chromium writes every refused
// connection a page makes to that page's console as an error (fetch, XHR, image, EventSource and WebSocket alike;
// measured with Playwright on Debian's Chromium), while refusals met by a worker are not: a server that is
// restarting is expected and handled, and is no error of the page.
import type { ProbeResult } from '../../../src-shared/contract/server-health';
import { probeHealth } from './probe-health';

export interface ProbeRequest {
  id: number;
  url: string;
}
export interface ProbeReply {
  id: number;
  result: ProbeResult;
}

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<ProbeRequest>) => void) | null;
  postMessage(reply: ProbeReply): void;
};
scope.onmessage = ({ data }) => {
  void probeHealth(data.url).then((result) => scope.postMessage({ id: data.id, result }));
};
