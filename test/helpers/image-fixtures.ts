import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32 } from './crc32';
import bmp from 'bmp-js';
import sharp from 'sharp';

/** A solid-ish test image: a gradient with a bright square, in any size and channel count. */
export async function makeImage(width: number, height: number, channels: 1 | 3 | 4, format: 'png' | 'jpeg' | 'webp' | 'gif' | 'tiff', depth16 = false): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const inSquare = x > width / 4 && x < (3 * width) / 4 && y > height / 4 && y < (3 * height) / 4;
        raw[(y * width + x) * channels + c] = c === 3 ? 255 : inSquare ? 230 : Math.round((x / width) * 80);
      }
    }
  }
  let image = sharp(raw, { raw: { width, height, channels } });
  if (depth16) image = image.toColourspace('grey16');
  return image.toFormat(format).toBuffer();
}

export function makeBmp(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([255, 40, 200, 90], i * 4); // ABGR
  return bmp.encode({ data, width, height }).data;
}

/** Rewrites a PNG's IHDR to claim a huge size (a decompression bomb's header) and fixes its CRC. */
export function pngClaimingSize(png: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(png);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}

export function write(root: string, rel: string, data: Buffer | string): string {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
  return file;
}

export function link(root: string, rel: string, target: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  symlinkSync(target, join(root, rel));
}

/** An IDX file: 0 0 0x08 ndims, big-endian dims, data. */
export function idx(dims: number[], data: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data)]);
}
