import * as tf from '@tensorflow/tfjs';
import { onnx } from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onnxModelsOf } from '../../../../../src-main/trainer/export/onnx-export';
import type { PortableModel } from '../../../../../src-main/trainer/export/portable-model';
import { expectedOutput, reconstructionKindOf } from '../../../../../src-main/trainer/objectives/reconstruction';
import { exportCases as cases, expectClose, modelConfig, random, trainedModel, uniform } from '../../../../helpers/export-cases';
import { tempDir } from '../../../../helpers/temp-dir';
import { useWasm } from '../../../../helpers/train-in-process';

const dir = tempDir();
beforeAll(useWasm);
afterAll(() => dir.remove());

const opsOf = (bytes: Uint8Array) => new Set(onnx.ModelProto.decode(bytes).graph!.node!.map((n) => n.opType!));

describe('ONNX export, checked against the trainer by ONNX Runtime', () => {
  cases.forEach((c, index) => {
    it(`${c.title}: encoder and decoder give tfjs' values`, async () => {
      const config = modelConfig(c.model);
      const { model, portable } = await trainedModel(config, c.inputShape, 11 + index, dir.path);
      const { encoder, decoder } = onnxModelsOf(portable, { producer: 'test' });
      for (const op of c.ops.encoder) expect(opsOf(encoder), `encoder uses ${op}`).toContain(op);
      for (const op of c.ops.decoder) expect(opsOf(decoder), `decoder uses ${op}`).toContain(op);

      const n = 4;
      const rand = random(100 + index);
      const x = uniform(rand, n * c.inputShape.reduce((a, b) => a * b, 1), 0, 1);
      const encoderSession = await ort.InferenceSession.create(Buffer.from(encoder));
      const encoded = await encoderSession.run({ x: new ort.Tensor('float32', x, [n, ...c.inputShape]) });
      const reference = model.encode(tf.tensor(x, [n, ...c.inputShape]));
      if (portable.latentKind === 'gaussian') {
        expect(encoderSession.outputNames).toEqual(['mu', 'log_var']);
        expectClose(encoded.mu.data as Float32Array, reference.mu.dataSync(), 'mu');
        expectClose(encoded.log_var.data as Float32Array, reference.logVar!.dataSync(), 'log_var');
      } else {
        expect(encoderSession.outputNames).toEqual(['z']);
        expectClose(encoded.z.data as Float32Array, reference.mu.dataSync(), 'z');
      }
      expect((encoderSession.outputNames.map((name) => encoded[name].dims))).toEqual(encoderSession.outputNames.map(() => [n, config.latentDim]));
      tf.dispose([reference.mu, reference.logVar ?? []]);

      const z = uniform(rand, n * config.latentDim, -2, 2);
      const decoderSession = await ort.InferenceSession.create(Buffer.from(decoder));
      const decoded = await decoderSession.run({ z: new ort.Tensor('float32', z, [n, config.latentDim]) });
      expect(decoderSession.outputNames).toEqual(['x_mean']);
      expect(decoded.x_mean.dims).toEqual([n, ...c.inputShape]);
      const mean = tf.tidy(() => expectedOutput(reconstructionKindOf(config), model.decode(tf.tensor2d(z, [n, config.latentDim]))).dataSync());
      expectClose(decoded.x_mean.data as Float32Array, mean, 'x_mean');
      await Promise.all([encoderSession.release(), decoderSession.release()]);
      model.dispose();
    });
  });

  it('declares opset 17 in IR version 8, NHWC inputs with a symbolic batch, and the model in its metadata', async () => {
    const config = modelConfig(cases[1].model);
    const { model, portable } = await trainedModel(config, cases[1].inputShape, 5, dir.path);
    model.dispose();
    const { encoder, decoder } = onnxModelsOf(portable, { producer: 'Latent Lab 9.9', docString: 'run 7 on sprites' });
    for (const bytes of [encoder, decoder]) {
      const proto = onnx.ModelProto.decode(bytes);
      expect(Number(proto.irVersion)).toBe(8);
      expect(proto.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
      expect(proto.producerName).toBe('Latent Lab 9.9');
      expect(proto.docString).toBe('run 7 on sprites');
      const props = Object.fromEntries(proto.metadataProps.map((p) => [p.key, p.value]));
      expect(props).toMatchObject({ family: 'vae', latent_kind: 'gaussian', latent_dim: '2', input_shape: '[8,8,1]', input_layout: 'NHWC', value_range: '[0, 1]' });
      expect(Number(props.sigma)).toBeCloseTo(Math.exp(-1.3), 6);
    }
    const dims = (info: onnx.IValueInfoProto) => info.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue));
    const enc = onnx.ModelProto.decode(encoder).graph!;
    expect(enc.input!.map((i) => [i.name, dims(i)])).toEqual([['x', ['N', 8, 8, 1]]]);
    expect(enc.output!.map((o) => [o.name, dims(o)])).toEqual([
      ['mu', ['N', 2]],
      ['log_var', ['N', 2]],
    ]);
    const dec = onnx.ModelProto.decode(decoder).graph!;
    expect(dec.input!.map((i) => [i.name, dims(i)])).toEqual([['z', ['N', 2]]]);
    expect(dec.output!.map((o) => [o.name, dims(o)])).toEqual([['x_mean', ['N', 8, 8, 1]]]);
    // Weights carry the layer's name.
    expect(enc.initializer!.map((t) => t.name)).toEqual(expect.arrayContaining(['enc_conv2d1.kernel', 'enc_conv2d1.bias', 'latent_mu.kernel', 'latent_log_var.bias']));
    expect(dec.initializer!.map((t) => t.name)).toEqual(expect.arrayContaining(['dec_dense1.kernel', 'dec_conv2dTranspose4.kernel']));
  });

  it('writes no σ, a vector layout and no value range for a deterministic model of vectors', async () => {
    const config = modelConfig(cases[4].model);
    const { model, portable } = await trainedModel(config, cases[4].inputShape, 6, dir.path);
    model.dispose();
    const props = Object.fromEntries(onnx.ModelProto.decode(onnxModelsOf(portable, {}).encoder).metadataProps.map((p) => [p.key, p.value]));
    expect(props).toMatchObject({ family: 'linear-ae', latent_kind: 'deterministic', input_layout: 'ND' });
    expect(props).not.toHaveProperty('sigma');
    expect(props).not.toHaveProperty('value_range');
    expect(onnx.ModelProto.decode(onnxModelsOf(portable, {}).encoder).producerName).toBe('Latent Lab');
  });

  it('refuses a layer it has no operator for, naming the layer and its type', async () => {
    const config = modelConfig(cases[0].model);
    const { model, portable } = await trainedModel(config, cases[0].inputShape, 7, dir.path);
    model.dispose();
    const [first, ...rest] = portable.decoder.layers;
    const odd = { ...first, name: 'dec_mystery', spec: { type: 'attention', name: 'dec_mystery' } } as unknown as (typeof rest)[number];
    const broken: PortableModel = { ...portable, decoder: { ...portable.decoder, layers: [odd, ...rest] } };
    expect(() => onnxModelsOf(broken, {})).toThrow("layer 'dec_mystery' (type attention) cannot be exported to ONNX");
  });
});
