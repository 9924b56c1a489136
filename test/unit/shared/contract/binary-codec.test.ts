import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../../../src-shared/contract/binary-codec';

describe('binary codec', () => {
  it('carries typed arrays as raw bytes and restores their types', () => {
    const pixels = new Uint8Array([0, 127, 255, 3]);
    const latents = new Float32Array([0.5, -1.25, Math.PI]);
    const message = { kind: 'response', id: 7, ok: true, output: { frame: { pixels, width: 2 }, latents, plain: [1, 2] } };
    const frame = encodeMessage(message);
    // The bytes are not JSON number arrays: the 4 pixels cost 4 bytes, not "[0,127,255,3]".
    expect(new TextDecoder().decode(frame)).not.toContain('127,255');
    const back = decodeMessage(frame) as typeof message;
    expect(back.output.frame.pixels).toBeInstanceOf(Uint8Array);
    expect([...back.output.frame.pixels]).toEqual([0, 127, 255, 3]);
    expect(back.output.latents).toBeInstanceOf(Float32Array);
    expect([...back.output.latents]).toEqual([...latents]);
    expect(back.output.plain).toEqual([1, 2]);
  });

  it('keeps a subarray view to its own bytes', () => {
    const base = new Uint8Array([9, 8, 7, 6, 5]);
    const back = decodeMessage(encodeMessage({ v: base.subarray(1, 3) })) as { v: Uint8Array };
    expect([...back.v]).toEqual([8, 7]);
  });

  it.each([
    ['empty frame', new Uint8Array(0), /too short/],
    ['header longer than frame', new Uint8Array([255, 255, 0, 0, 1]), /overruns/],
    ['header not JSON', new Uint8Array([2, 0, 0, 0, 123, 123]), /JSON/],
  ])('rejects a malformed frame: %s', (_what, frame, error) => {
    expect(() => decodeMessage(frame)).toThrow(error);
  });
});
