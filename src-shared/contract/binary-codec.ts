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

export function decodeMessage(frame: Uint8Array): unknown {
  if (frame.byteLength < 4) throw new Error('frame too short');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const headerBytes = view.getUint32(0, true);
  if (4 + headerBytes > frame.byteLength) throw new Error('frame header overruns the frame');
  const header = JSON.parse(new TextDecoder().decode(frame.subarray(4, 4 + headerBytes))) as {
    kinds: BinaryKind[];
    lengths: number[];
    json: string;
  };
  let offset = 4 + headerBytes;
  const blobs = header.lengths.map((length, i) => {
    if (offset + length > frame.byteLength) throw new Error('frame blob overruns the frame');
    // Copy so the value owns an aligned buffer of its own (Float32Array needs 4-byte alignment).
    const copy = frame.slice(offset, offset + length);
    offset += length;
    const kind = header.kinds[i];
    if (kind === 'ArrayBuffer') return copy.buffer;
    const Ctor = constructors[kind];
    if (!Ctor) throw new Error(`unknown binary kind '${String(kind)}'`);
    return new Ctor(copy.buffer, 0, length / Ctor.BYTES_PER_ELEMENT);
  });
  return JSON.parse(header.json, (_key, value: unknown) => {
    if (value && typeof value === 'object' && '$bin' in value && typeof (value as BlobRef).$bin === 'number') {
      const blob = blobs[(value as BlobRef).$bin];
      if (blob === undefined) throw new Error('frame refers to a missing blob');
      return blob;
    }
    return value;
  });
}

/** Messages of the WebSocket protocol (both directions). */
export type WireMessage =
  | { kind: 'request'; id: number; name: string; input: unknown }
  | { kind: 'response'; id: number; ok: true; output: unknown }
  | { kind: 'response'; id: number; ok: false; error: { code: string; message: string; issues?: unknown } }
  | { kind: 'event'; name: string; payload: unknown };
