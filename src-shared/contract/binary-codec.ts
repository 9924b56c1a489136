/**
 * Wire codec for the WebSocket transport: a message is JSON except for its binary parts (typed arrays,
 * ArrayBuffers), which travel raw after the JSON instead of as number arrays. Electron IPC does not need
 * this: structured clone carries typed arrays natively.
 *
 * Frame: u32 headerBytes | header JSON (utf-8) | blob 0 | blob 1 | …  (header lists each blob's type and length)
 */
type BinaryKind = 'ArrayBuffer' | 'Uint8Array' | 'Float32Array' | 'Int32Array';

interface BlobRef {
  $bin: number;
}

const constructors = {
  Uint8Array,
  Float32Array,
  Int32Array,
} as const;

function binaryKind(value: unknown): BinaryKind | null {
  if (value instanceof ArrayBuffer) return 'ArrayBuffer';
  if (value instanceof Uint8Array) return 'Uint8Array';
  if (value instanceof Float32Array) return 'Float32Array';
  if (value instanceof Int32Array) return 'Int32Array';
  return null;
}

export function encodeMessage(message: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  const kinds: BinaryKind[] = [];
  const json = JSON.stringify(message, (_key, value: unknown) => {
    const kind = binaryKind(value);
    if (!kind) return value;
    const bytes =
      value instanceof ArrayBuffer
        ? new Uint8Array(value)
        : new Uint8Array((value as ArrayBufferView).buffer, (value as ArrayBufferView).byteOffset, (value as ArrayBufferView).byteLength);
    blobs.push(bytes);
    kinds.push(kind);
    const ref: BlobRef = { $bin: blobs.length - 1 };
    return ref;
  });
  const header = new TextEncoder().encode(JSON.stringify({ kinds, lengths: blobs.map((b) => b.byteLength), json }));
  const total = 4 + header.byteLength + blobs.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, header.byteLength, true);
  out.set(header, 4);
  let offset = 4 + header.byteLength;
  for (const blob of blobs) {
    out.set(blob, offset);
    offset += blob.byteLength;
  }
  return out;
}

/**
 * How deeply a message may nest objects and arrays. The deepest real message (a run's config inside a response)
 * nests under 10; the cap keeps a hostile frame from exhausting the stack of whoever walks the value next.
 */
export const MAX_MESSAGE_DEPTH = 64;

/** A frame that cannot be decoded; `requestId` is the top-level numeric `id` when it could still be read. */
export class FrameError extends Error {
  constructor(
    message: string,
    readonly requestId: number | null = null,
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NUMBER_AT = /\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/y;

/**
 * One pass over JSON text, without building it: its deepest nesting, and the numeric `id` of the top-level object
 * if it has one. Lets a too-deep request be refused before parsing, yet answered under its own id.
 */
export function scanJson(text: string): { depth: number; id: number | null } {
  let depth = 0;
  let maxDepth = 0;
  let id: number | null = null;
  let afterIdKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i + 1;
      for (i = start; i < text.length && text.charCodeAt(i) !== QUOTE; i += text.charCodeAt(i) === BACKSLASH ? 2 : 1);
      afterIdKey = depth === 1 && text[0] === '{' && i - start === 2 && text.startsWith('id', start);
      continue;
    }
    if (c === 0x7b || c === 0x5b) maxDepth = Math.max(maxDepth, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x3a && afterIdKey && id === null) {
      NUMBER_AT.lastIndex = i + 1;
      const match = NUMBER_AT.exec(text);
      if (match) id = Number(match[1]);
    }
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) afterIdKey = false;
  }
  return { depth: maxDepth, id };
}

const isBinaryKind = (kind: unknown): kind is BinaryKind => kind === 'ArrayBuffer' || (typeof kind === 'string' && Object.hasOwn(constructors, kind));

export function decodeMessage(frame: Uint8Array): unknown {
  if (frame.byteLength < 4) throw new FrameError('frame too short');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const headerBytes = view.getUint32(0, true);
  if (4 + headerBytes > frame.byteLength) throw new FrameError('frame header overruns the frame');
  let header: { kinds: unknown; lengths: unknown; json: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(frame.subarray(4, 4 + headerBytes)));
  } catch (error) {
    throw new FrameError(`frame header is not JSON: ${(error as Error).message}`);
  }
  if (typeof header?.json !== 'string' || !Array.isArray(header.kinds) || !Array.isArray(header.lengths) || header.kinds.length !== header.lengths.length) {
    throw new FrameError('frame header must list kinds and lengths of equal count, and the message JSON');
  }
  const { json, kinds, lengths } = header as { json: string; kinds: unknown[]; lengths: unknown[] };
  const { depth, id } = scanJson(json);
  const fail = (message: string): never => {
    throw new FrameError(message, id);
  };
  if (depth > MAX_MESSAGE_DEPTH) fail(`the message nests ${depth} levels deep; the protocol allows at most ${MAX_MESSAGE_DEPTH}`);
  let offset = 4 + headerBytes;
  const blobs = lengths.map((length, i) => {
    const kind = kinds[i];
    if (!isBinaryKind(kind)) return fail(`unknown binary kind '${String(kind).slice(0, 40)}'`);
    if (!Number.isSafeInteger(length) || (length as number) < 0) return fail('a blob length is not a byte count');
    const end = offset + (length as number);
    if (end > frame.byteLength) fail('frame blob overruns the frame');
    // Copy so the value owns an aligned buffer of its own (Float32Array needs 4-byte alignment).
    const copy = frame.slice(offset, end);
    offset = end;
    if (kind === 'ArrayBuffer') return copy.buffer;
    const Ctor = constructors[kind];
    if (copy.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) fail(`a ${kind} blob of ${copy.byteLength} bytes is not whole elements`);
    return new Ctor(copy.buffer, 0, copy.byteLength / Ctor.BYTES_PER_ELEMENT);
  });
  try {
    // Safe to revive recursively: the depth was checked above.
    return JSON.parse(json, (_key, value: unknown) => {
      if (value && typeof value === 'object' && Object.hasOwn(value, '$bin') && typeof (value as BlobRef).$bin === 'number') {
        const blob = blobs[(value as BlobRef).$bin];
        if (blob === undefined) throw new FrameError('frame refers to a missing blob');
        return blob;
      }
      return value;
    });
  } catch (error) {
    return fail(error instanceof FrameError ? error.message : `message is not JSON: ${(error as Error).message}`);
  }
}

/** Messages of the WebSocket protocol (both directions). */
export type WireMessage =
  | { kind: 'request'; id: number; name: string; input: unknown }
  | { kind: 'response'; id: number; ok: true; output: unknown }
  | { kind: 'response'; id: number; ok: false; error: { code: string; message: string; issues?: unknown } }
  | { kind: 'event'; name: string; payload: unknown };
