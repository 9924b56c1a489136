/**
 * NumPy's .npy format, version 1.0 (numpy.lib.format): the magic "\x93NUMPY", version 1.0, a little-endian u16
 * header length, an ASCII dict literal padded with spaces to a multiple of 64 bytes and ended by "\n", then the
 * array's bytes in C order. `numpy.load` reads it without pickle.
 */
export type NpyArray = Float32Array | Float64Array | Int32Array | Uint8Array;

const DESCR = (a: NpyArray): string =>
  a instanceof Float32Array ? '<f4' : a instanceof Float64Array ? '<f8' : a instanceof Int32Array ? '<i4' : '|u1';

export function encodeNpy(data: NpyArray, shape: number[]): Uint8Array {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length) throw new Error(`an array of ${data.length} values cannot have shape (${shape.join(', ')})`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${DESCR(data)}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // 10 bytes of preamble + header, padded so the data starts 64-byte aligned.
  const unpadded = 10 + dict.length + 1;
  const header = `${dict}${' '.repeat((64 - (unpadded % 64)) % 64)}\n`;
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  // Typed arrays are in the platform's byte order: little-endian on every machine Latent Lab runs on.
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}
