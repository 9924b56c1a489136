import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionLostError, createWsClient, RECONNECT_DELAYS_MS, type ConnectionState } from '../../../../src-renderer/src/api/ws-client';
import { decodeMessage, encodeMessage, type WireMessage } from '../../../../src-shared/contract/binary-codec';
import type { ProbeResult } from '../../../../src-shared/contract/server-health';

/** A WebSocket the test opens, answers and drops by hand. */
class FakeWebSocket {
  static readonly OPEN = 1;
  static instances: FakeWebSocket[] = [];
  readyState = 0;
  binaryType = 'blob';
  sent: WireMessage[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }
  send(frame: Uint8Array) {
    this.sent.push(decodeMessage(frame) as WireMessage);
  }
  open() {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
  answer(id: number, output: unknown) {
    const frame = encodeMessage({ kind: 'response', id, ok: true, output });
    this.onmessage?.({ data: frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength) as ArrayBuffer });
  }
}

/** The health probe: answers each probe with the next scripted result. */
const probeResults: ProbeResult[] = [];
const probedUrls: string[] = [];
async function probe(url: string): Promise<ProbeResult> {
  probedUrls.push(url);
  return probeResults.shift() ?? 'down';
}

const endpoints = { socket: 'ws://127.0.0.1:9/api?token=t', health: 'http://127.0.0.1:9/api/health?token=t' };
let states: ConnectionState[];
let details: (string | undefined)[];
const lastSocket = () => FakeWebSocket.instances.at(-1)!;

/** Lets probes answer and timers run until `until` holds (fake time, so backoff costs nothing). */
async function runUntil(until: () => boolean) {
  for (let i = 0; i < 200 && !until(); i++) await vi.advanceTimersByTimeAsync(50);
  expect(until()).toBe(true);
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.instances = [];
  probeResults.length = 0;
  probedUrls.length = 0;
  states = [];
  details = [];
  vi.stubGlobal('WebSocket', FakeWebSocket);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function client() {
  return createWsClient(
    endpoints,
    (state, detail) => {
      states.push(state);
      details.push(detail);
    },
    probe,
  );
}

describe('WebSocket client', () => {
  it('opens the WebSocket only after the health probe says the server takes the token, and sends calls made before', async () => {
    probeResults.push('up');
    const api = client();
    const answer = api.call('system.info', {});
    await runUntil(() => FakeWebSocket.instances.length === 1);
    expect(probedUrls).toEqual([endpoints.health]);
    lastSocket().open();
    expect(lastSocket().sent).toMatchObject([{ kind: 'request', id: 1, name: 'system.info' }]);
    lastSocket().answer(1, { version: 'x' });
    expect(await answer).toEqual({ version: 'x' });
    expect(states).toEqual(['connecting', 'connecting', 'open']);
  });

  it('fails calls sent on a dropped connection, keeps calls made while down, and sends them once reconnected', async () => {
    probeResults.push('up');
    const api = client();
    await runUntil(() => FakeWebSocket.instances.length === 1);
    lastSocket().open();
    const lost = api.call('runs.list', {}).catch((error: unknown) => error);
    lastSocket().drop();
    const error = await lost;
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect((error as Error).message).toBe('the connection to the Latent Lab server was lost before runs.list was answered');
    expect(states.at(-1)).toBe('reconnecting');

    const later = api.call('datasets.list', {});
    probeResults.push('down', 'down', 'up');
    await runUntil(() => FakeWebSocket.instances.length === 2);
    expect(probedUrls).toHaveLength(4);
    expect(details).toContain('the server does not answer; tried 2 times, trying again');
    lastSocket().open();
    expect(lastSocket().sent).toMatchObject([{ name: 'datasets.list' }]);
    lastSocket().answer((lastSocket().sent[0] as { id: number }).id, ['moons']);
    expect(await later).toEqual(['moons']);
  });

  it('keeps a call that was never sent when a connection attempt fails, and sends it on the next one', async () => {
    probeResults.push('up');
    const api = client();
    const call = api.call('presets.list', {});
    await runUntil(() => FakeWebSocket.instances.length === 1);
    // The server went away between the probe and the WebSocket: this attempt never opens.
    lastSocket().drop();
    probeResults.push('up');
    await runUntil(() => FakeWebSocket.instances.length === 2);
    lastSocket().open();
    expect(lastSocket().sent).toMatchObject([{ id: 1, name: 'presets.list' }]);
    lastSocket().answer(1, []);
    expect(await call).toEqual([]);
  });

  it('waits longer between probes the longer the server is down, up to the last delay', async () => {
    probeResults.push('up');
    client();
    await runUntil(() => FakeWebSocket.instances.length === 1);
    lastSocket().open();
    lastSocket().drop();
    const probedAt: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 7; i++) {
      await runUntil(() => probedUrls.length === i + 2);
      probedAt.push(Date.now() - start);
    }
    const waits = probedAt.map((t, i) => t - (probedAt[i - 1] ?? 0));
    // Fake time advances in 50 ms ticks: each wait is its delay, rounded up to the tick.
    const expected = [...RECONNECT_DELAYS_MS, 4000, 4000].map((d) => Math.ceil(d / 50) * 50);
    expect(waits).toEqual(expected);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('says the token is refused when the server answers but not to it, and connects when it takes it again', async () => {
    probeResults.push('up');
    client();
    await runUntil(() => FakeWebSocket.instances.length === 1);
    lastSocket().open();
    lastSocket().drop();
    probeResults.push('refused', 'refused', 'up');
    await runUntil(() => states.includes('refused'));
    expect(details.at(-1)).toMatch(/access token is refused \(a restarted server makes a new one\): open the URL the server printed/);
    await runUntil(() => FakeWebSocket.instances.length === 2);
    lastSocket().open();
    expect(states.at(-1)).toBe('open');
  });
});
