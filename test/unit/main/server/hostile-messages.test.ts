import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHost, type Host } from '../../../../src-main/host/host';
import { startServer, type RunningServer } from '../../../../src-main/server/serve';
import { decodeMessage, encodeMessage, type WireMessage } from '../../../../src-shared/contract/binary-codec';
import { tempDir } from '../../../helpers/temp-dir';

/**
 * The table of nasty messages (Netron-style, STYLE.md 5): each row is a raw frame a hostile or broken client sends
 * to a real host behind the real WebSocket server, and the answer it must get. The server must answer every one
 * under the request's own id when it can be read (a caller waiting on that id must not wait forever), must
 * never crash on one, and must never repeat megabytes of input back.
 */

/** A frame whose message JSON is given as text, for messages JSON.stringify cannot build (too deep) or that lie. */
function rawFrame(json: string, blobs: { kinds: string[]; lengths: number[]; bytes?: Uint8Array } = { kinds: [], lengths: [] }): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ kinds: blobs.kinds, lengths: blobs.lengths, json }));
  const body = blobs.bytes ?? new Uint8Array(0);
  const frame = new Uint8Array(4 + header.byteLength + body.byteLength);
  new DataView(frame.buffer).setUint32(0, header.byteLength, true);
  frame.set(header, 4);
  frame.set(body, 4 + header.byteLength);
  return frame;
}

const request = (id: number, name: string, input: unknown) => encodeMessage({ kind: 'request', id, name, input });
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const huge = 'A'.repeat(1_000_000);

interface Row {
  what: string;
  frame: Uint8Array | string;
  id: number;
  code: string;
  message: RegExp;
}

const ROWS: Row[] = [
  { what: 'a text frame', frame: '{"kind":"request","id":1}', id: -1, code: 'invalid_input', message: /^malformed message: text frames are not part of the protocol$/ },
  { what: 'a 2-byte frame', frame: new Uint8Array([1, 2]), id: -1, code: 'invalid_input', message: /frame too short/ },
  { what: 'a header that is not JSON', frame: new Uint8Array([2, 0, 0, 0, 123, 123]), id: -1, code: 'invalid_input', message: /frame header is not JSON/ },
  { what: 'a response instead of a request', frame: encodeMessage({ kind: 'response', id: 3, ok: true, output: 1 }), id: -1, code: 'invalid_input', message: /expected a request with a numeric id/ },
  {
    what: 'input nested 5,000 levels deep',
    frame: rawFrame(`{"kind":"request","id":41,"name":"runs.start","input":{"config":${nested(5000)}}}`),
    id: 41,
    code: 'invalid_input',
    message: /^malformed message: the message nests 5002 levels deep; the protocol allows at most 64$/,
  },
  {
    what: 'input nested 1,000,000 levels deep, with the id after it',
    frame: rawFrame(`{"kind":"request","name":"runs.start","input":${'{"a":'.repeat(1_000_000)}1${'}'.repeat(1_000_000)},"id":42}`),
    id: 42,
    code: 'invalid_input',
    message: /nests 1000001 levels deep/,
  },
  { what: 'deep nesting and no readable id', frame: rawFrame(`{"kind":"request","id":"seven","input":${nested(5000)}}`), id: -1, code: 'invalid_input', message: /nests 5001 levels deep/ },
  { what: 'deep nesting that is not an object', frame: rawFrame(nested(5000)), id: -1, code: 'invalid_input', message: /nests 5000 levels deep/ },
  { what: 'a blob of an unknown kind', frame: rawFrame('{"kind":"request","id":43,"name":"system.info","input":{}}', { kinds: ['constructor'], lengths: [0] }), id: 43, code: 'invalid_input', message: /unknown binary kind 'constructor'/ },
  {
    what: 'a reference to a missing blob',
    frame: rawFrame('{"kind":"request","id":44,"name":"system.info","input":{"x":{"$bin":3}}}'),
    id: 44,
    code: 'invalid_input',
    message: /frame refers to a missing blob/,
  },
  {
    what: 'a Float32Array blob of 3 bytes',
    frame: rawFrame('{"kind":"request","id":45,"name":"system.info","input":{"x":{"$bin":0}}}', { kinds: ['Float32Array'], lengths: [3], bytes: new Uint8Array(3) }),
    id: 45,
    code: 'invalid_input',
    message: /a Float32Array blob of 3 bytes is not whole elements/,
  },
  { what: 'a megabyte string id', frame: rawFrame(`{"kind":"request","id":"${huge}","name":"system.info","input":{}}`), id: -1, code: 'invalid_input', message: /expected a request with a numeric id/ },
  { what: 'dataset id __proto__', frame: request(50, 'datasets.get', { datasetId: '__proto__' }), id: 50, code: 'not_found', message: /^dataset '__proto__' does not exist$/ },
  { what: 'dataset id constructor', frame: request(51, 'datasets.samples', { datasetId: 'constructor', offset: 0, count: 1 }), id: 51, code: 'not_found', message: /^unknown dataset 'constructor'$/ },
  { what: 'dataset id toString', frame: request(52, 'datasets.points', { datasetId: 'toString', count: 1 }), id: 52, code: 'not_found', message: /^unknown dataset 'toString'$/ },
  { what: 'dataset id hasOwnProperty', frame: request(53, 'datasets.delete', { datasetId: 'hasOwnProperty' }), id: 53, code: 'not_found', message: /^dataset 'hasOwnProperty' does not exist$/ },
  {
    what: 'a run on dataset __proto__',
    frame: request(54, 'runs.start', { config: { dataset: { id: '__proto__' }, model: { family: 'vae', latentDim: 2 } } }),
    id: 54,
    code: 'invalid_input',
    message: /dataset\.id: unknown dataset '__proto__' \(known: builtin:sprites, /,
  },
  {
    what: 'a megabyte dataset id',
    frame: request(55, 'datasets.get', { datasetId: huge }),
    id: 55,
    code: 'not_found',
    message: /^dataset 'A{80}…' \(1,000,000 characters\) does not exist$/,
  },
  { what: 'a megabyte method name', frame: request(56, huge, {}), id: 56, code: 'unknown_method', message: /^unknown request 'A{80}…' \(1,000,000 characters\)$/ },
  {
    what: 'a megabyte field name',
    frame: request(57, 'datasets.get', { datasetId: 'x', [huge]: 1 }),
    id: 57,
    code: 'invalid_input',
    message: /^invalid input to datasets.get: 'A{80}…' \(1,000,000 characters\): unknown field$/,
  },
  {
    what: 'a megabyte latent session id',
    frame: request(58, 'latent.candidates', { sessionId: huge, count: 1 }),
    id: 58,
    code: 'not_found',
    message: /^latent session 'A{80}…' \(1,000,000 characters\) is not open/,
  },
  {
    what: 'a layer spec with an encoder and no decoder',
    frame: request(59, 'runs.start', { config: { dataset: { id: 'builtin:sprites' }, model: { family: 'ae', latentDim: 2, encoder: [{ type: 'flatten' }] } } }),
    id: 59,
    code: 'invalid_input',
    message: /model\.decoder: missing: an explicit encoder needs an explicit decoder too/,
  },
  {
    what: 'PCA wider than the data',
    frame: request(60, 'runs.start', { config: { dataset: { id: 'builtin:moons' }, model: { family: 'pca', latentDim: 5 } } }),
    id: 60,
    code: 'invalid_input',
    message: /model\.latentDim: PCA finds at most as many components as the data has dimensions: 'builtin:moons' has 2/,
  },
];

const dir = tempDir('latent-lab-hostile-');
let host: Host;
let server: RunningServer;
let socket: WebSocket;
const replies: WireMessage[] = [];

beforeAll(async () => {
  // None of these requests reaches the trainer: a launcher that is called fails the test.
  host = createHost({
    dataDir: join(dir.path, 'data'),
    launchTrainer: () => {
      throw new Error('no hostile message should start the trainer');
    },
    version: 'test',
    transport: 'websocket',
  });
  server = await startServer({ host, rendererDir: dir.path, port: 0, token: 'hostile-test-token' });
  socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=hostile-test-token`);
  socket.on('message', (data: Buffer) => replies.push(decodeMessage(new Uint8Array(data)) as WireMessage));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
});

afterAll(async () => {
  socket.close();
  await server.close();
  await host.close();
  dir.remove();
});

async function answerTo(frame: Uint8Array | string): Promise<Extract<WireMessage, { kind: 'response'; ok: false }>> {
  const before = replies.length;
  socket.send(frame);
  await expect.poll(() => replies.length, { timeout: 20_000 }).toBeGreaterThan(before);
  return replies[before] as Extract<WireMessage, { kind: 'response'; ok: false }>;
}

describe('hostile messages over the WebSocket', () => {
  it.each(ROWS)('answers $what under id $id with $code', async ({ frame, id, code, message }) => {
    const reply = await answerTo(frame);
    expect(reply).toMatchObject({ kind: 'response', id, ok: false, error: { code } });
    expect(reply.error.message).toMatch(message);
    // Whatever the client sent, the error repeats at most a short piece of it.
    expect(JSON.stringify(reply).length).toBeLessThan(2_000);
  });

  it('still answers real requests on the same socket after the whole table', async () => {
    const before = replies.length;
    socket.send(request(99, 'datasets.get', { datasetId: 'builtin:moons' }));
    await expect.poll(() => replies.length).toBeGreaterThan(before);
    expect(replies[before]).toMatchObject({ kind: 'response', id: 99, ok: true, output: { id: 'builtin:moons', kind: 'vector' } });
  });
});
