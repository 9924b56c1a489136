import { describe, expect, it } from 'vitest';
import { toPlanar } from '../../../../../src-main/host/importers/to-planar';

describe('toPlanar', () => {
  it('converts RGBA to Rec. 601 luma with alpha composited onto black', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 200, 200, 200, 128]);
    const out = new Uint8Array(4);
    toPlanar(rgba, 4, 4, false, out, 0);
    expect([...out]).toEqual([Math.round(0.299 * 255), Math.round(0.587 * 255), Math.round(0.114 * 255), Math.round(200 * (128 / 255))]);
  });

  it('writes RGB as three planes, repeating a gray source into each', () => {
    const gray = new Uint8Array([10, 20]);
    const out = new Uint8Array(1 + 6);
    toPlanar(gray, 2, 1, true, out, 1);
    expect([...out]).toEqual([0, 10, 20, 10, 20, 10, 20]);
    const rgb = new Uint8Array([1, 2, 3, 4, 5, 6]);
    const planes = new Uint8Array(6);
    toPlanar(rgb, 2, 3, true, planes, 0);
    expect([...planes]).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('flattens gray+alpha', () => {
    const out = new Uint8Array(2);
    toPlanar(new Uint8Array([100, 0, 100, 255]), 2, 2, false, out, 0);
    expect([...out]).toEqual([0, 100]);
  });
});
