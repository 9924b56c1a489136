import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
/** A variable with the name it has in weights files (tfjs' own variable names must be unique per process). */
export interface NamedVariable {
  name: string;
  variable: tf.Variable;
}

/** Anything saveable: a named tensor (variables, optimizer moments). */
export interface NamedTensor {
  name: string;
  variable: tf.Tensor;
}

/** Weights file: u32 header length | JSON header { format, tensors: [{ name, shape }], tag? } | float32 data in header order. */
const FORMAT = 'latent-lab-weights/1';

/** The bytes of a weights file; `tag` is stored in the header (a checkpoint writes its step there, to check its files belong together). */
export async function encodeWeights(variables: NamedTensor[], tag?: number): Promise<Buffer> {
  const tensors = variables.map((v) => ({ name: v.name, shape: v.variable.shape }));
  const header = Buffer.from(JSON.stringify({ format: FORMAT, tensors, ...(tag !== undefined ? { tag } : {}) }), 'utf8');
  // Always float32 on disk: an int32 tensor (Adam's iteration count) is converted, not reinterpreted.
  const values = await Promise.all(variables.map((v) => v.variable.data()));
  const data = values.map((v) => Buffer.from(Float32Array.from(v as ArrayLike<number>).buffer));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.byteLength, 0);
  return Buffer.concat([size, header, ...data]);
}

/** Writes a weights file on its own (a checkpoint writes its set through trainer/checkpoint.ts instead). */
export async function saveWeights(path: string, variables: NamedTensor[], tag?: number): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, await encodeWeights(variables, tag));
  renameSync(tmp, path);
}

/** The tag a weights file was saved with, if any. */
export function readWeightsTag(path: string): number | undefined {
  const file = readFileSync(path);
  const header = JSON.parse(file.subarray(4, 4 + file.readUInt32LE(0)).toString('utf8')) as { tag?: number };
  return header.tag;
}

/** Every tensor of a weights file, in file order. */
export function readWeightsFile(path: string): { name: string; shape: number[]; values: Float32Array }[] {
  const file = readFileSync(path);
  const headerLength = file.readUInt32LE(0);
  const header = JSON.parse(file.subarray(4, 4 + headerLength).toString('utf8')) as {
    format: string;
    tensors: { name: string; shape: number[] }[];
  };
  if (header.format !== FORMAT) throw new Error(`${path}: not a Latent Lab weights file (format '${header.format}')`);
  let offset = 4 + headerLength;
  return header.tensors.map((entry) => {
    const size = entry.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(file.buffer.slice(file.byteOffset + offset, file.byteOffset + offset + size * 4));
    offset += size * 4;
    return { ...entry, values };
  });
}

export function loadWeights(path: string, variables: NamedVariable[]): void {
  const byName = new Map(variables.map((v) => [v.name, v.variable]));
  for (const entry of readWeightsFile(path)) {
    const variable = byName.get(entry.name);
    if (!variable) throw new Error(`${path}: tensor '${entry.name}' has no matching layer in this model`);
    if (variable.shape.join('×') !== entry.shape.join('×')) {
      throw new Error(`${path}: tensor '${entry.name}' is ${entry.shape.join('×')}, the model expects ${variable.shape.join('×')}`);
    }
    tf.tidy(() => variable.assign(tf.tensor(entry.values, entry.shape)));
    byName.delete(entry.name);
  }
  if (byName.size > 0) throw new Error(`${path}: missing tensors ${[...byName.keys()].join(', ')}`);
}
