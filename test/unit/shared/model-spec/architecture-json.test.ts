import { describe, expect, it } from 'vitest';
import { architectureSpecSchema } from '../../../../src-shared/model-spec/saved-architecture';
import { formatArchitectureJson, MAX_LAYERS_PER_SIDE, parseArchitectureJson } from '../../../../src-shared/model-spec/architecture-json';

const dense = (units: number, extra: object = {}) => ({ type: 'dense', units, ...extra });
const spec = (encoder: unknown[], decoder: unknown[] = [dense(4)]) => JSON.stringify({ encoder, decoder });

/** Nasty pastes and the message each must produce (Netron's models.json in spirit): one row per kind of mistake. */
const BAD: [what: string, text: string, message: RegExp][] = [
  ['not JSON', '{ "encoder": [\n  { "type": "dense", "units": 4 },,\n] }', /^Not valid JSON at line 2, column 35: Unexpected token ','/],
  ['a list, not an object', '[{ "type": "dense", "units": 4 }]', /an object with an "encoder" and a "decoder" list of layers/],
  ['a side left out', '{ "encoder": [] }', /missing field 'decoder'/],
  ['a side that is not a list', '{ "encoder": {}, "decoder": [] }', /field 'encoder' must be a list of layers/],
  ['an unknown top-level field', '{ "encoder": [], "decoder": [], "latent": 8 }', /unknown field 'latent' at the top level/],
  ['an unknown layer type', spec([dense(4), { type: 'conv3d', filters: 2 }]), /^encoder layer 2: unknown type 'conv3d'; use one of dense, conv2d, conv2dTranspose, upsample, flatten, reshape, activation, batchNorm, dropout$/],
  ['a layer without a type', spec([], [{ units: 4 }]), /^decoder layer 1: missing field 'type'/],
  ['a layer that is not an object', spec([7]), /^encoder layer 1: must be an object with a "type"/],
  ['a missing field', spec([{ type: 'conv2d', name: 'c1', filters: 8 }]), /^encoder layer 1 'c1' \(conv2d\): missing field 'kernelSize'$/],
  ['a misspelt field', spec([{ type: 'dense', unit: 8 }]), /^encoder layer 1 \(dense\): unknown field 'unit' \(a dense layer takes name, units, activation\)$/],
  ['units out of range', spec([dense(100_000)]), /^encoder layer 1 \(dense\): field 'units' must be at most 8192$/],
  ['a stride out of range', spec([], [{ type: 'conv2dTranspose', name: 'deconv2', filters: 1, kernelSize: 3, strides: 9 }]), /^decoder layer 1 'deconv2' \(conv2dTranspose\): field 'strides' must be at most 8$/],
  ['a fractional width', spec([dense(2.5)]), /field 'units' must be a whole number \(not 2.5\)/],
  ['a dropout rate of 1', spec([{ type: 'dropout', rate: 1 }]), /field 'rate' must be less than 1/],
  ['an unknown activation', spec([dense(4, { activation: 'gelu' })]), /field 'activation' must be one of 'linear', 'relu'.* \(not 'gelu'\)/],
  ['a 4-d reshape', spec([{ type: 'reshape', targetShape: [1, 2, 3, 4] }]), /field 'targetShape' must have at most 3 items/],
  ['a bad name', spec([dense(4, { name: '1st' })]), /field 'name' a name is a letter followed by/],
  ['200 layers', spec(Array.from({ length: 200 }, () => dense(4))), /^the encoder has 200 layers; a side takes at most 32$/],
  ['a name used twice', spec([dense(4, { name: 'fc' })], [dense(4, { name: 'fc' })]), /^decoder layer 1 'fc' \(dense\): layer name 'fc' is used twice: encoder layer 1 has it too/],
  ['a default name taken by another layer', spec([dense(4), dense(4, { name: 'enc_dense1' })]), /^encoder layer 2 'enc_dense1' \(dense\): layer name 'enc_dense1' is used twice: encoder layer 1 has it too; give each layer its own name$/],
  ['a name the trainer keeps', spec([], [dense(4, { name: 'latent_mu' })]), /^decoder layer 1 'latent_mu' \(dense\): layer name 'latent_mu' is reserved/],
];

describe('parseArchitectureJson', () => {
  it.each(BAD)('refuses %s, naming the layer and field', (_what, text, message) => {
    const result = parseArchitectureJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.messages.some((m) => message.test(m)), result.messages.join('\n')).toBe(true);
  });

  it('reports every problem of a paste, not only the first', () => {
    const result = parseArchitectureJson(spec([{ type: 'conv3d' }, { type: 'dense' }], [{ type: 'dropout', rate: 2 }]));
    expect(result.ok || result.messages).toEqual([
      "encoder layer 1: unknown type 'conv3d'; use one of dense, conv2d, conv2dTranspose, upsample, flatten, reshape, activation, batchNorm, dropout",
      "encoder layer 2 (dense): missing field 'units'",
      "decoder layer 1 (dropout): field 'rate' must be less than 1",
    ]);
  });

  it('fills defaults, allows an empty side while building, and reads back what it formats', () => {
    const result = parseArchitectureJson('{ "encoder": [{ "type": "conv2d", "filters": 8, "kernelSize": 3 }, { "type": "flatten" }], "decoder": [] }');
    expect(result).toEqual({
      ok: true,
      architecture: { encoder: [{ type: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'linear' }, { type: 'flatten' }], decoder: [] },
    });
    if (!result.ok) return;
    const text = formatArchitectureJson(result.architecture);
    expect(text.split('\n')).toContain('    { "type": "conv2d", "filters": 8, "kernelSize": 3, "strides": 1, "padding": "same", "activation": "linear" },');
    expect(parseArchitectureJson(text)).toEqual(result);
  });

  it('writes fields in the schema order whatever order a layer was built in, and leaves out unset ones', () => {
    const text = formatArchitectureJson({
      encoder: [{ activation: 'relu', padding: 'same', strides: 2, kernelSize: 3, filters: 8, type: 'conv2d', name: undefined }],
      decoder: [],
    });
    expect(text).toContain('{ "type": "conv2d", "filters": 8, "kernelSize": 3, "strides": 2, "padding": "same", "activation": "relu" }');
  });

  it('takes as many layers per side as the saved architecture does, and no more', () => {
    const side = (n: number) => Array.from({ length: n }, () => ({ type: 'dense' as const, units: 4, activation: 'linear' as const }));
    expect(parseArchitectureJson(spec(side(MAX_LAYERS_PER_SIDE))).ok).toBe(true);
    expect(architectureSpecSchema.safeParse({ encoder: side(MAX_LAYERS_PER_SIDE), decoder: side(1) }).success).toBe(true);
    expect(parseArchitectureJson(spec(side(MAX_LAYERS_PER_SIDE + 1))).ok).toBe(false);
    expect(architectureSpecSchema.safeParse({ encoder: side(MAX_LAYERS_PER_SIDE + 1), decoder: side(1) }).success).toBe(false);
  });
});
