import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
/** A variable with the name it has in weights files (tfjs' own variable names must be unique per process). */
export interface NamedVariable {
  name: string;
  variable: tf.Variable;
}

/**
 * Weights file: u32 header length | JSON header { format, tensors: [{ name, shape }] } | float32 data in header order.
 * Written to a temporary file and renamed, so a crash mid-write never leaves a torn checkpoint.
 */
const FORMAT = 'latent-lab-weights/1';

export function saveWeights(path: string, variables: NamedVariable[]): void {
  const tensors = variables.map((v) => ({ name: v.name, shape: v.variable.shape }));
  const header = Buffer.from(JSON.stringify({ format: FORMAT, tensors }), 'utf8');
  const data = variables.map((v) => Buffer.from((v.variable.dataSync() as Float32Array).slice().buffer));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.byteLength, 0);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, Buffer.concat([size, header, ...data]));
  renameSync(tmp, path);
}

export function loadWeights(path: string, variables: NamedVariable[]): void {
  const file = readFileSync(path);
  const headerLength = file.readUInt32LE(0);
  const header = JSON.parse(file.subarray(4, 4 + headerLength).toString('utf8')) as {
    format: string;
    tensors: { name: string; shape: number[] }[];
  };
  if (header.format !== FORMAT) throw new Error(`${path}: not a Latent Lab weights file (format '${header.format}')`);
  const byName = new Map(variables.map((v) => [v.name, v.variable]));
  let offset = 4 + headerLength;
  for (const entry of header.tensors) {
    const size = entry.shape.reduce((a, b) => a * b, 1);
    const variable = byName.get(entry.name);
    if (!variable) throw new Error(`${path}: tensor '${entry.name}' has no matching layer in this model`);
    if (variable.shape.join('×') !== entry.shape.join('×')) {
      throw new Error(`${path}: tensor '${entry.name}' is ${entry.shape.join('×')}, the model expects ${variable.shape.join('×')}`);
    }
    const values = new Float32Array(file.buffer.slice(file.byteOffset + offset, file.byteOffset + offset + size * 4));
    tf.tidy(() => variable.assign(tf.tensor(values, entry.shape)));
    offset += size * 4;
    byName.delete(entry.name);
  }
  if (byName.size > 0) throw new Error(`${path}: missing tensors ${[...byName.keys()].join(', ')}`);
}
