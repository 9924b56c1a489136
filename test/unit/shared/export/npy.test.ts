import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../../../../src-shared/export/npy';

/**
 * An independent .npy reader, written from numpy's format description (numpy.lib.format): magic, version,
 * header length, the header dict parsed as text, then the data.
 */
function readNpy(bytes: Uint8Array): { descr: string; fortran: boolean; shape: number[]; data: ArrayLike<number>; dataOffset: number } {
  expect(Array.from(bytes.subarray(0, 6))).toEqual([0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0))]);
  expect([bytes[6], bytes[7]]).toEqual([1, 0]);
  const headerLength = bytes[8] | (bytes[9] << 8);
  const header = new TextDecoder('latin1').decode(bytes.subarray(10, 10 + headerLength));
  expect(header.endsWith('\n')).toBe(true);
  const descr = /'descr':\s*'([^']+)'/.exec(header)![1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)![1] === 'True';
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)![1];
  const shape = shapeText.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const dataOffset = 10 + headerLength;
  const body = bytes.slice(dataOffset).buffer;
  const data = descr === '<f4' ? new Float32Array(body) : descr === '<f8' ? new Float64Array(body) : descr === '<i4' ? new Int32Array(body) : new Uint8Array(body);
  return { descr, fortran, shape, data, dataOffset };
}

describe('encodeNpy', () => {
  it('writes a version 1.0 header numpy parses: dtype, C order, shape, 64-byte aligned data', () => {
    const values = Float32Array.from({ length: 12 }, (_, i) => i / 3 - 1);
    const bytes = encodeNpy(values, [4, 3]);
    const read = readNpy(bytes);
    expect(read).toMatchObject({ descr: '<f4', fortran: false, shape: [4, 3] });
    expect(read.dataOffset % 64).toBe(0);
    expect(Array.from(read.data)).toEqual(Array.from(values));
  });

  it('writes 1-D shapes as a one-element tuple, and each dtype', () => {
    for (const [array, descr] of [
      [Int32Array.from([-1, 0, 7]), '<i4'],
      [Uint8Array.from([0, 1, 1]), '|u1'],
      [Float64Array.from([Math.PI, -0, 1e-300]), '<f8'],
    ] as const) {
      const bytes = encodeNpy(array, [3]);
      expect(new TextDecoder().decode(bytes.subarray(10, 80))).toContain("'shape': (3,)");
      const read = readNpy(bytes);
      expect(read.descr).toBe(descr);
      expect(read.shape).toEqual([3]);
      expect(Array.from(read.data)).toEqual(Array.from(array));
    }
  });

  it('refuses a shape that does not hold the data', () => {
    expect(() => encodeNpy(new Float32Array(6), [4, 2])).toThrow(/6 values cannot have shape \(4, 2\)/);
  });
});
