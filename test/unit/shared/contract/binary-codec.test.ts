import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, FrameError, MAX_MESSAGE_DEPTH, scanJson } from '../../../../src-shared/contract/binary-codec';

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

  it('decodes a message at the depth limit and refuses one past it, keeping its id', () => {
    let value: unknown = 1;
    // The request object is one level; the arrays fill the rest.
    for (let i = 0; i < MAX_MESSAGE_DEPTH - 1; i++) value = [value];
    expect(decodeMessage(encodeMessage({ kind: 'request', id: 8, input: value }))).toMatchObject({ id: 8 });
    const tooDeep = encodeMessage({ kind: 'request', id: 9, input: [value] });
    const error = (() => {
      try {
        decodeMessage(tooDeep);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FrameError);
    expect(error).toMatchObject({ requestId: 9, message: `the message nests ${MAX_MESSAGE_DEPTH + 1} levels deep; the protocol allows at most ${MAX_MESSAGE_DEPTH}` });
  });
});

describe('scanJson', () => {
  it.each([
    ['a flat request', '{"kind":"request","id":12,"name":"x"}', 1, 12],
    ['an id after nested input', '{"input":{"a":[1,{"b":2}]},"id":-3.5e2}', 4, -350],
    ['spaces around the colon', '{ "id" : 7 }', 1, 7],
    ['an "id" key nested deeper', '{"input":{"id":5}}', 2, null],
    ['"id" as a value, not a key', '{"name":"id","x":4}', 1, null],
    ['a string id', '{"id":"12"}', 1, null],
    ['brackets and quotes inside strings', '{"s":"[[{\\"id\\":1}","id":2}', 1, 2],
    ['a top-level array', '[{"id":1}]', 2, null],
  ])('reads %s', (_what, text, depth, id) => {
    expect(scanJson(text)).toEqual({ depth, id });
  });
});
