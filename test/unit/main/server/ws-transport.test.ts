import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EventBus } from '../../../../src-main/host/event-bus';
import type { Host } from '../../../../src-main/host/host';
import { startServer, type RunningServer } from '../../../../src-main/server/serve';
import { decodeMessage, encodeMessage, type WireMessage } from '../../../../src-shared/contract/binary-codec';
import { ApiError } from '../../../../src-shared/contract/api-error';
import { tempDir } from '../../../helpers/temp-dir';

let server: RunningServer;
const events = new EventBus();
const dir = tempDir();
const released: string[] = [];
const fakeHost = {
  events,
  release: async (connection: string) => void released.push(connection),
  call: async (name: unknown, input: unknown) => {
    if (name === 'system.info') return { pixels: new Uint8Array([1, 2, 3]), input };
    throw new ApiError('unknown_method', `unknown request '${String(name)}'`);
  },
} as unknown as Host;

beforeAll(async () => {
  server = await startServer({ host: fakeHost, rendererDir: dir.path, port: 0, token: 'secret-token' });
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

function connect(path: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<WireMessage> {
  return new Promise((resolve) => ws.once('message', (data: Buffer) => resolve(decodeMessage(new Uint8Array(data)) as WireMessage)));
}

describe('WebSocket transport security', () => {
  it('binds to 127.0.0.1 and puts the token in the URL fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=secret-token`);
  });

  it.each([
    ['no token', '/api', undefined],
    ['a wrong token', '/api?token=guess', undefined],
    ['a token of the right length but wrong', '/api?token=secret-tokeX', undefined],
    ['another Origin', '/api?token=secret-token', 'http://evil.example'],
    ['the wrong path', '/other?token=secret-token', undefined],
  ])('refuses a connection with %s', async (_what, path, origin) => {
    await expect(connect(path, origin)).rejects.toThrow(/refused with 403/);
  });

  it.each([
    ['the right token', 'secret-token', 'accepted'],
    ['a wrong token', 'secret-tokeX', 'refused'],
    ['no token', null, 'refused'],
  ])('answers the health check with %s as %s, always with 200', async (_what, token, verdict) => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/health${token === null ? '' : `?token=${token}`}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(await res.json()).toEqual({ server: 'latent-lab', token: verdict });
  });

  it('accepts the token from the page’s own origin and carries binary results', async () => {
    const ws = await connect('/api?token=secret-token', `http://127.0.0.1:${server.port}`);
    ws.send(encodeMessage({ kind: 'request', id: 1, name: 'system.info', input: {} }));
    const reply = await nextMessage(ws);
    expect(reply).toMatchObject({ kind: 'response', id: 1, ok: true });
    expect((reply as { output: { pixels: Uint8Array } }).output.pixels).toEqual(new Uint8Array([1, 2, 3]));
    ws.close();
  });
});

describe('WebSocket transport robustness', () => {
  it('answers malformed frames and unknown requests with typed errors and keeps serving', async () => {
    const ws = await connect('/api?token=secret-token');
    ws.send('{"not": "binary"}');
    expect(await nextMessage(ws)).toMatchObject({ kind: 'response', id: -1, ok: false, error: { code: 'invalid_input' } });
    ws.send(new Uint8Array([1, 2]));
    expect(await nextMessage(ws)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/malformed message/) } });
    ws.send(encodeMessage({ kind: 'request', id: 5, name: 'nope', input: {} }));
    expect(await nextMessage(ws)).toMatchObject({ id: 5, ok: false, error: { code: 'unknown_method' } });
    ws.send(encodeMessage({ kind: 'request', id: 6, name: 'system.info', input: {} }));
    expect(await nextMessage(ws)).toMatchObject({ id: 6, ok: true });
    ws.close();
  });

  it('releases what a client held when its socket closes', async () => {
    const before = released.length;
    const ws = await connect('/api?token=secret-token');
    ws.close();
    await expect.poll(() => released.length).toBeGreaterThan(before);
  });

  it('pushes host events to connected clients', async () => {
    const ws = await connect('/api?token=secret-token');
    const message = nextMessage(ws);
    events.emit('run.status', { runId: 3, status: 'running', error: null });
    expect(await message).toEqual({ kind: 'event', name: 'run.status', payload: { runId: 3, status: 'running', error: null } });
    ws.close();
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/..%2f..%2fetc%2fpasswd`);
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('root:');
  });
});

describe('hostile requests do not take the server down', () => {
  it('answers a malformed URL escape with 400 and keeps serving', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/%`);
    expect(res.status).toBe(400);
    expect((await fetch(`http://127.0.0.1:${server.port}/%E0%A4%A`)).status).toBe(400);
  });

  it('refuses an upgrade to an unparsable URL', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number | undefined>((resolve) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '//[', headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
      req.on('response', (res) => resolve(res.statusCode));
      req.on('error', () => resolve(undefined));
      req.end();
    });
    expect(status).toBe(403);
    const ws = await connect('/api?token=secret-token');
    ws.close();
  });

  it('drops a client that sends an oversized frame, and serves the next one', async () => {
    const ws = await connect('/api?token=secret-token');
    const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
    ws.on('error', () => undefined);
    ws.send(Buffer.alloc(17 * 1024 * 1024));
    await closed;
    const next = await connect('/api?token=secret-token');
    next.send(encodeMessage({ kind: 'request', id: 9, name: 'system.info', input: {} }));
    expect(await nextMessage(next)).toMatchObject({ id: 9, ok: true });
    next.close();
  });
});
