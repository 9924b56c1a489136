import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import bmp from 'bmp-js';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import type { ImportOptions } from '../../../src-shared/datasets/import-options';
import { toPlanar } from './to-planar';

const FIT = { fit: 'fill', cover: 'cover', pad: 'contain' } as const;
const BLACK = { r: 0, g: 0, b: 0, alpha: 1 };
/**
 * Small PNGs (the bulk of ML image folders) decode with pngjs: about 6× faster than a libvips pipeline for
 * a 28×28 image, whose cost is mostly per-call set-up. Larger ones go to sharp, off the event loop.
 */
const PNGJS_MAX_PIXELS = 256 * 256;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An image file that could not be imported, with the reason a person can act on. */
export class UnusableImage extends Error {}

interface Interleaved {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

const megapixels = (n: number) => `${(n / 1e6).toFixed(n >= 1e8 ? 0 : 1)} MP`;

function checkPixels(width: number, height: number, options: ImportOptions, notDecoded = true): void {
  if (width * height > options.maxPixels) {
    throw new UnusableImage(`image is ${width}×${height} (${megapixels(width * height)}), over the ${megapixels(options.maxPixels)} limit${notDecoded ? '; not decoded' : ''}`);
  }
}

function decodeBmp(buffer: Buffer, options: ImportOptions): Interleaved {
  // The BITMAPINFOHEADER's size comes first, so a bomb is refused before bmp-js allocates its pixels.
  if (buffer.byteLength >= 26 && buffer.toString('latin1', 0, 2) === 'BM') {
    checkPixels(Math.abs(buffer.readInt32LE(18)), Math.abs(buffer.readInt32LE(22)), options);
  }
  let decoded;
  try {
    decoded = bmp.decode(buffer);
  } catch (error) {
    throw new UnusableImage(`corrupt or truncated BMP: ${(error as Error).message}`);
  }
  checkPixels(decoded.width, decoded.height, options, false);
  // bmp-js yields ABGR bytes.
  const rgb = new Uint8Array(decoded.width * decoded.height * 3);
  for (let p = 0; p < decoded.width * decoded.height; p++) {
    rgb[p * 3] = decoded.data[p * 4 + 3];
    rgb[p * 3 + 1] = decoded.data[p * 4 + 2];
    rgb[p * 3 + 2] = decoded.data[p * 4 + 1];
  }
  return { data: rgb, width: decoded.width, height: decoded.height, channels: 3 };
}

/** The fast path for small PNGs; null when it does not apply or pngjs cannot read the file (sharp then says why). */
function decodeSmallPng(buffer: Buffer, options: ImportOptions): Interleaved | null {
  if (buffer.byteLength < 24 || !buffer.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  checkPixels(width, height, options);
  if (width * height > PNGJS_MAX_PIXELS) return null;
  try {
    const png = PNG.sync.read(buffer);
    return { data: png.data, width: png.width, height: png.height, channels: 4 };
  } catch {
    return null;
  }
}

async function decodeWithSharp(buffer: Buffer, options: ImportOptions): Promise<Interleaved> {
  try {
    const { data, info } = await sharp(buffer, { limitInputPixels: options.maxPixels, failOn: 'error', animated: false })
      .rotate()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  } catch (error) {
    const message = (error as Error).message;
    if (/exceeds pixel limit/i.test(message)) {
      const meta = await sharp(buffer, { limitInputPixels: false }).metadata();
      checkPixels(meta.width ?? 0, meta.height ?? 0, options);
    }
    if (/unsupported image format|bad seek|not a known file format/i.test(message)) throw new UnusableImage(`not a readable image: ${message}`);
    // libvips says only "Unknown error" when a file ends before its pixel data does.
    throw new UnusableImage(`corrupt or truncated image: ${/^unknown error$/i.test(message.trim()) ? 'the pixel data ends early or is damaged' : message}`);
  }
}

/**
 * Decodes one image to size×size bytes in planar CHW order (1 channel grayscale or 3 RGB), whatever its own
 * size, bit depth, palette or alpha: alpha is flattened onto black, orientation follows EXIF.
 */
export async function decodeImage(file: string, options: ImportOptions, out: Uint8Array, offset: number): Promise<void> {
  const buffer = await readSmallSync(file).catch((error: NodeJS.ErrnoException) => {
    throw new UnusableImage(`cannot read: ${error.code === 'EACCES' ? 'permission denied' : error.code}`);
  });
  if (buffer.byteLength === 0) throw new UnusableImage('empty file (0 bytes)');
  const image =
    extname(file).toLowerCase() === '.bmp'
      ? decodeBmp(buffer, options)
      : (decodeSmallPng(buffer, options) ?? (await decodeWithSharp(buffer, options)));

  const rgb = options.color === 'rgb';
  const { size } = options;
  if (image.width === size && image.height === size) {
    toPlanar(image.data, size * size, image.channels, rgb, out, offset);
    return;
  }
  // Convert colour first (so alpha is flattened the same way everywhere), then let libvips resample.
  const channels = rgb ? 3 : 1;
  const planar = new Uint8Array(image.width * image.height * channels);
  toPlanar(image.data, image.width * image.height, image.channels, rgb, planar, 0);
  const interleaved = rgb ? planarToInterleaved(planar, image.width * image.height) : planar;
  const resized = await sharp(interleaved, { raw: { width: image.width, height: image.height, channels } })
    .resize(size, size, { fit: FIT[options.fit], background: BLACK })
    .raw()
    .toBuffer();
  toPlanar(resized, size * size, channels, rgb, out, offset);
}

/**
 * Small files are read synchronously: an async readFile costs several thread-pool round trips (about 0.15 ms),
 * ten times a sync read of a few KB from the page cache. Big files stay async, off the event loop.
 */
const SYNC_READ_MAX_BYTES = 256 * 1024;

async function readSmallSync(file: string): Promise<Buffer> {
  return statSync(file).size <= SYNC_READ_MAX_BYTES ? readFileSync(file) : readFile(file);
}

function planarToInterleaved(planar: Uint8Array, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    out[p * 3] = planar[p];
    out[p * 3 + 1] = planar[pixels + p];
    out[p * 3 + 2] = planar[2 * pixels + p];
  }
  return out;
}
