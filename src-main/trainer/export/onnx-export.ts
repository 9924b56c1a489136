import { onnx } from 'onnx-proto';
import type { Shape } from '../../../src-shared/model-spec/infer';
import type { Activation } from '../../../src-shared/model-spec/layers';
import type { PortableLayer, PortableModel, PortablePart, PortableTensor } from './portable-model';

/**
 * ONNX export of a trained model: two graphs, the encoder x → (mu, log_var) or z, and the decoder z → x_mean = E[x | z].
 *
 * Opset 17 in IR version 8: ONNX Runtime reads it from 1.14 on, as do most converters (onnx-tensorrt, OpenVINO,
 * onnx2tf); a newer IR would lock out runtimes that are still in wide use for no operator we need.
 *
 * tfjs works channels-last (NHWC) and ONNX's Conv, ConvTranspose and BatchNormalization are channels-first. The
 * graphs keep NHWC at their boundary (what the trainer's models take, and the TF.js export) and track the layout
 * inside: a Transpose goes in only where a layer needs the other layout, so consecutive convolutions stay NCHW and
 * the tensor is turned back to NHWC before a flatten or reshape, whose element order must be tfjs' (H, W, C).
 */
const ONNX_OPSET = 17;
const ONNX_IR_VERSION = 8;

export interface OnnxExportMeta {
  /** producer_name of both models; 'Latent Lab' if not given. */
  producer?: string;
  /** doc_string of both models: what the user wants a reader of the file to know (run, dataset, …). */
  docString?: string;
}

const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;

type Attribute = onnx.IAttributeProto;
const ints = (name: string, values: number[]): Attribute => ({ name, type: AttributeType.INTS, ints: values });
const int = (name: string, value: number): Attribute => ({ name, type: AttributeType.INT, i: value });
const float = (name: string, value: number): Attribute => ({ name, type: AttributeType.FLOAT, f: value });
const text = (name: string, value: string): Attribute => ({ name, type: AttributeType.STRING, s: new TextEncoder().encode(value) });

/** SELU's constants as tfjs uses them (Klambauer et al. 2017, eq. 14): λ·α for x ≤ 0 is 1.7580993…, λ = 1.0507009…. */
const SELU_ALPHA = 1.6732632423543772;
const SELU_GAMMA = 1.0507009873554805;
/** tfjs' BatchNormalization default ε (Keras' too); ONNX's default 1e-5 would shift every output. */
const BATCH_NORM_EPSILON = 1e-3;

/** A value inside a graph: its name, its shape per sample in tfjs' terms (channels-last), and where its channels are now. */
interface Value {
  name: string;
  shape: Shape;
  /** 'first': stored [N, C, ...spatial] (ONNX's layout); 'last': [N, ...spatial, C] (tfjs'). Flat values are both. */
  layout: 'first' | 'last';
}

/** An error a user can hit: names the layer, its type, and why. */
function refuse(layer: Pick<PortableLayer, 'name'> & { spec: { type: string } }, why: string): Error {
  return new Error(`layer '${layer.name}' (type ${layer.spec.type}) cannot be exported to ONNX: ${why}`);
}

function floatBytes(values: Float32Array): Uint8Array {
  // TensorProto raw_data is little-endian whatever the machine.
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return new Uint8Array(view.buffer);
}

function int64Bytes(values: number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return new Uint8Array(view.buffer);
}

/** `values` of a row-major tensor of `shape`, with its axes reordered: output axis j is input axis perm[j]. */
function permute(tensor: PortableTensor, perm: number[]): PortableTensor {
  const { shape, values } = tensor;
  const outShape = perm.map((p) => shape[p]);
  const inStrides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const strides = perm.map((p) => inStrides[p]);
  const out = new Float32Array(values.length);
  const index = new Array<number>(outShape.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let from = 0;
    for (let j = 0; j < index.length; j++) from += index[j] * strides[j];
    out[o] = values[from];
    for (let j = index.length - 1; j >= 0; j--) {
      if (++index[j] < outShape[j]) break;
      index[j] = 0;
    }
  }
  return { shape: outShape, values: out };
}

/** Nodes and initializers of one graph, with unique value names. */
class GraphBuilder {
  readonly nodes: onnx.INodeProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];
  private readonly names = new Set<string>();

  /** A fresh value name from `base` (internal values are `<layer>/<Op>`, which cannot meet a graph input or output). */
  private unique(base: string): string {
    let name = base;
    for (let i = 2; this.names.has(name); i++) name = `${base}_${i}`;
    this.names.add(name);
    return name;
  }

  weight(name: string, tensor: PortableTensor): string {
    const unique = this.unique(name);
    this.initializers.push({ name: unique, dims: tensor.shape, dataType: DataType.FLOAT, rawData: floatBytes(tensor.values) });
    return unique;
  }

  int64s(name: string, values: number[]): string {
    const unique = this.unique(name);
    this.initializers.push({ name: unique, dims: [values.length], dataType: DataType.INT64, rawData: int64Bytes(values) });
    return unique;
  }

  /** Adds a node and returns its output's name (`output` as given for a graph output, else `<scope>/<opType>`). */
  node(opType: string, inputs: string[], scope: string, attribute: Attribute[] = [], output?: string): string {
    const out = output ?? this.unique(`${scope}/${opType}`);
    if (output) this.names.add(output);
    this.nodes.push({ name: out, opType, input: inputs, output: [out], attribute });
    return out;
  }

  /** The value in the wanted layout, transposed if it is not (flat values need nothing). */
  layout(value: Value, want: Value['layout'], scope: string): Value {
    const r = value.shape.length;
    if (r < 2 || value.layout === want) return { ...value, layout: want };
    // Batch stays first; the channel axis moves between position 1 and position r.
    const axes = Array.from({ length: r - 1 }, (_, i) => i + 1);
    const perm = want === 'first' ? [0, r, ...axes] : [0, ...axes.map((a) => a + 1), 1];
    return { ...value, name: this.node('Transpose', [value.name], scope, [ints('perm', perm)]), layout: want };
  }

  activation(value: Value, activation: Activation, scope: string): Value {
    const op = (opType: string, attributes: Attribute[] = []) => ({ ...value, name: this.node(opType, [value.name], scope, attributes) });
    switch (activation) {
      case 'linear':
        return value;
      case 'relu':
        return op('Relu');
      case 'elu':
        return op('Elu', [float('alpha', 1)]);
      case 'tanh':
        return op('Tanh');
      case 'sigmoid':
        return op('Sigmoid');
      case 'selu':
        return op('Selu', [float('alpha', SELU_ALPHA), float('gamma', SELU_GAMMA)]);
      case 'softplus':
        return op('Softplus');
    }
  }
}

/** TF's 'same' padding of a convolution along one axis: total max((⌈n/s⌉ − 1)·s + k − n, 0), the odd one at the end. */
function samePads(n: number, k: number, s: number): [number, number] {
  const total = Math.max((Math.ceil(n / s) - 1) * s + k - n, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/**
 * Pads and output_padding of an ONNX ConvTranspose along one axis that give tfjs' conv2dTranspose: the gradient of
 * the forward conv from `out` (n·s for 'same', n·s + max(k − s, 0) for 'valid') to n, with that conv's padding.
 * ONNX's length is s·(n − 1) + k − begin − end + output_padding; what k < s leaves short is output_padding (< s).
 */
function transposedPads(n: number, k: number, s: number, padding: 'same' | 'valid'): { begin: number; end: number; outputPadding: number } {
  const out = padding === 'same' ? n * s : n * s + Math.max(k - s, 0);
  const [begin, end] = padding === 'same' ? samePads(out, k, s) : [0, 0];
  return { begin, end, outputPadding: out - (s * (n - 1) + k - begin - end) };
}

function layerNodes(g: GraphBuilder, layer: PortableLayer, input: Value): Value {
  const { spec, name } = layer;
  const output = (value: Value): Value => ({ ...value, shape: layer.outputShape });
  switch (spec.type) {
    case 'dense': {
      const kernel = g.weight(`${name}.kernel`, layer.weights.kernel);
      const bias = g.weight(`${name}.bias`, layer.weights.bias);
      const out = output({ ...input, name: g.node('Gemm', [input.name, kernel, bias], name) });
      return g.activation(out, spec.activation, name);
    }
    case 'conv2d': {
      const x = g.layout(input, 'first', name);
      const [h, w] = layer.inputShape;
      const k = spec.kernelSize;
      const [top, bottom] = spec.padding === 'same' ? samePads(h, k, spec.strides) : [0, 0];
      const [left, right] = spec.padding === 'same' ? samePads(w, k, spec.strides) : [0, 0];
      // tfjs [kh, kw, in, out] → ONNX [out, in, kh, kw].
      const kernel = g.weight(`${name}.kernel`, permute(layer.weights.kernel, [3, 2, 0, 1]));
      const bias = g.weight(`${name}.bias`, layer.weights.bias);
      const attributes = [ints('kernel_shape', [k, k]), ints('strides', [spec.strides, spec.strides]), ints('pads', [top, left, bottom, right])];
      const out = output({ ...x, name: g.node('Conv', [x.name, kernel, bias], name, attributes) });
      return g.activation(out, spec.activation, name);
    }
    case 'conv2dTranspose': {
      const x = g.layout(input, 'first', name);
      const [h, w] = layer.inputShape;
      const k = spec.kernelSize;
      const along = [transposedPads(h, k, spec.strides, spec.padding), transposedPads(w, k, spec.strides, spec.padding)];
      // tfjs [kh, kw, out, in] → ONNX [in, out, kh, kw].
      const kernel = g.weight(`${name}.kernel`, permute(layer.weights.kernel, [3, 2, 0, 1]));
      const bias = g.weight(`${name}.bias`, layer.weights.bias);
      const attributes = [
        ints('kernel_shape', [k, k]),
        ints('strides', [spec.strides, spec.strides]),
        ints('pads', [along[0].begin, along[1].begin, along[0].end, along[1].end]),
        ints('output_padding', [along[0].outputPadding, along[1].outputPadding]),
      ];
      const out = output({ ...x, name: g.node('ConvTranspose', [x.name, kernel, bias], name, attributes) });
      return g.activation(out, spec.activation, name);
    }
    case 'upsample': {
      // tfjs' upSampling2d is resizeNearestNeighbor without align_corners or half-pixel centers: out[i] = in[⌊i / s⌋].
      const x = g.layout(input, 'first', name);
      const scales = g.weight(`${name}.scales`, { shape: [4], values: Float32Array.of(1, 1, spec.size, spec.size) });
      const attributes = [text('mode', 'nearest'), text('coordinate_transformation_mode', 'asymmetric'), text('nearest_mode', 'floor')];
      return output({ ...x, name: g.node('Resize', [x.name, '', scales], name, attributes) });
    }
    case 'flatten': {
      // tfjs' Flatten of what is already flat is the identity; otherwise it flattens in NHWC order.
      if (input.shape.length === 1) return input;
      const x = g.layout(input, 'last', name);
      return output({ ...x, name: g.node('Flatten', [x.name], name, [int('axis', 1)]) });
    }
    case 'reshape': {
      const x = g.layout(input, 'last', name);
      // 0 keeps the batch dimension as it is.
      const shape = g.int64s(`${name}.shape`, [0, ...spec.targetShape]);
      return output({ ...x, name: g.node('Reshape', [x.name, shape], name), layout: 'last' });
    }
    case 'activation':
      return g.activation(input, spec.activation, name);
    case 'batchNorm': {
      // tfjs normalizes the last axis; ONNX's BatchNormalization the channel axis 1.
      const x = g.layout(input, 'first', name);
      const w = layer.weights;
      const inputs = [x.name, g.weight(`${name}.gamma`, w.gamma), g.weight(`${name}.beta`, w.beta)];
      inputs.push(g.weight(`${name}.moving_mean`, w.moving_mean), g.weight(`${name}.moving_variance`, w.moving_variance));
      return output({ ...x, name: g.node('BatchNormalization', inputs, name, [float('epsilon', BATCH_NORM_EPSILON)]) });
    }
    case 'dropout':
      // Identity at inference.
      return input;
    default: {
      const unknown = layer as { name: string; spec: { type: string } };
      throw refuse(unknown, 'no ONNX operator is written for this layer type; export to TF.js instead');
    }
  }
}

function part(g: GraphBuilder, p: PortablePart, input: Value): Value {
  return p.layers.reduce((value, layer) => layerNodes(g, layer, value), input);
}

function tensorInfo(name: string, shape: Shape, docString: string): onnx.IValueInfoProto {
  const dim = [{ dimParam: 'N' }, ...shape.map((d) => ({ dimValue: d }))];
  return { name, docString, type: { tensorType: { elemType: DataType.FLOAT, shape: { dim } } } };
}

function modelProto(
  model: PortableModel,
  meta: OnnxExportMeta,
  graphName: string,
  g: GraphBuilder,
  inputs: onnx.IValueInfoProto[],
  outputs: onnx.IValueInfoProto[],
  graphDoc: string,
): Uint8Array {
  const image = model.inputShape.length === 3;
  const props: [string, string][] = [
    ['family', model.family],
    ['latent_kind', model.latentKind],
    ['latent_dim', String(model.latentDim)],
    ['input_shape', JSON.stringify(model.inputShape)],
    // Images are [N, H, W, C] with values in [0, 1]; vectors are [N, D] in whatever units the dataset has.
    ['input_layout', image ? 'NHWC' : 'ND'],
    ...(image ? [['value_range', '[0, 1]'] as [string, string]] : []),
    ['decoder_output', model.output === 'sigmoid' ? 'sigmoid of Bernoulli logits' : 'mean'],
    ...(model.sigma !== undefined ? [['sigma', String(model.sigma)] as [string, string]] : []),
  ];
  const proto: onnx.IModelProto = {
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: meta.producer ?? 'Latent Lab',
    docString: meta.docString ?? '',
    graph: { name: graphName, node: g.nodes, initializer: g.initializers, input: inputs, output: outputs, docString: graphDoc },
    metadataProps: props.map(([key, value]) => ({ key, value })),
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(proto)).finish();
}

const inputDoc = (shape: Shape) =>
  shape.length === 3 ? 'images N×H×W×C (channels-last), values in [0, 1]' : `vectors N×${shape[0]}`;

function encoderModel(model: PortableModel, meta: OnnxExportMeta): Uint8Array {
  const g = new GraphBuilder();
  const features = part(g, model.encoder, { name: 'x', shape: model.inputShape, layout: 'last' });
  const outputs = model.heads.map((head) => {
    const stored = head.name === 'z' ? 'latent' : `latent_${head.name}`;
    const kernel = g.weight(`${stored}.kernel`, head.kernel);
    const bias = g.weight(`${stored}.bias`, head.bias);
    g.node('Gemm', [features.name, kernel, bias], stored, [], head.name);
    const doc = { mu: 'mean μ of q(z|x)', log_var: 'log σ² of q(z|x)', z: 'latent code z' }[head.name];
    return tensorInfo(head.name, [model.latentDim], doc);
  });
  const doc = model.latentKind === 'gaussian' ? 'x → μ, log σ² of q(z|x) = N(μ, diag σ²)' : 'x → z';
  return modelProto(model, meta, `${model.family}_encoder`, g, [tensorInfo('x', model.inputShape, inputDoc(model.inputShape))], outputs, doc);
}

function decoderModel(model: PortableModel, meta: OnnxExportMeta): Uint8Array {
  const g = new GraphBuilder();
  let out = g.layout(part(g, model.decoder, { name: 'z', shape: [model.latentDim], layout: 'last' }), 'last', 'x_mean');
  if (out.shape.join('×') !== model.inputShape.join('×')) {
    const shape = g.int64s('x_mean.shape', [0, ...model.inputShape]);
    out = { ...out, name: g.node('Reshape', [out.name, shape], 'x_mean'), shape: model.inputShape };
  }
  if (model.output === 'sigmoid') {
    g.node('Sigmoid', [out.name], 'x_mean', [], 'x_mean');
  } else if (g.nodes.at(-1)?.output?.[0] === out.name) {
    // The last node's output is the graph's output: give it the graph's name rather than add an Identity.
    const last = g.nodes[g.nodes.length - 1];
    last.name = 'x_mean';
    last.output = ['x_mean'];
  } else {
    g.node('Identity', [out.name], 'x_mean', [], 'x_mean');
  }
  const doc = model.output === 'sigmoid' ? 'z → E[x | z], the sigmoid of the Bernoulli logits' : 'z → E[x | z]';
  const inputs = [tensorInfo('z', [model.latentDim], 'latent code z')];
  const outputs = [tensorInfo('x_mean', model.inputShape, `E[x | z], ${inputDoc(model.inputShape)}`)];
  return modelProto(model, meta, `${model.family}_decoder`, g, inputs, outputs, doc);
}

/** The encoder and decoder of a trained model as ONNX files (bytes of a ModelProto each). */
export function onnxModelsOf(model: PortableModel, meta: OnnxExportMeta): { encoder: Uint8Array; decoder: Uint8Array } {
  return { encoder: encoderModel(model, meta), decoder: decoderModel(model, meta) };
}
