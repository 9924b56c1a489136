import { z } from 'zod';

/**
 * The JSON layer spec of encoders and decoders. Shapes are channels-last ([H, W, C]) like TensorFlow.js;
 * a flat vector is [D]. Every layer may carry a name, which errors and checkpoints use.
 */
export const activationSchema = z.enum(['linear', 'relu', 'elu', 'tanh', 'sigmoid', 'selu', 'softplus']);
export type Activation = z.infer<typeof activationSchema>;

const name = z.string().regex(/^[A-Za-z][\w-]{0,39}$/, 'a name is a letter followed by up to 39 letters, digits, - or _').optional();
const positive = z.int().min(1).max(8192);
const conv = {
  name,
  filters: positive,
  kernelSize: z.int().min(1).max(15),
  strides: z.int().min(1).max(8).default(1),
  padding: z.enum(['same', 'valid']).default('same'),
  activation: activationSchema.default('linear'),
};

export const layerSpecSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('dense'), name, units: positive, activation: activationSchema.default('linear') }),
  z.strictObject({ type: z.literal('conv2d'), ...conv }),
  z.strictObject({ type: z.literal('conv2dTranspose'), ...conv }),
  z.strictObject({ type: z.literal('upsample'), name, size: z.int().min(2).max(8).default(2) }),
  z.strictObject({ type: z.literal('flatten'), name }),
  z.strictObject({ type: z.literal('reshape'), name, targetShape: z.array(positive).min(1).max(3) }),
  z.strictObject({ type: z.literal('activation'), name, activation: activationSchema }),
  z.strictObject({ type: z.literal('batchNorm'), name }),
  z.strictObject({ type: z.literal('dropout'), name, rate: z.number().min(0).lt(1) }),
]);

export type LayerSpec = z.output<typeof layerSpecSchema>;
export type LayerSpecInput = z.input<typeof layerSpecSchema>;
export type LayerType = LayerSpec['type'];
