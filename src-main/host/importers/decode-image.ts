import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import bmp from 'bmp-js';
import sharp, { type Sharp } from 'sharp';
import type { ImportOptions } from '../../../src-shared/datasets/import-options';

const FIT = { fit: 'fill', cover: 'cover', pad: 'contain' } as const;
const BLACK = { r: 0, g: 0, b: 0, alpha: 1 };

/** An image file that could not be imported, with the reason a person can act on. */
export class UnusableImage extends Error {}

const megapixels = (n: number) => `${(n / 1e6).toFixed(n >= 1e8 ? 0 : 1)} MP`;

/** Opens an image with sharp; BMP (which libvips does not read) goes through bmp-js first. */
async function open(file: string, options: ImportOptions): Promise<Sharp> {
  const buffer = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new UnusableImage(`cannot read: ${error.code === 'EACCES' ? 'permission denied' : error.code}`);
  });
  if (buffer.byteLength === 0) throw new UnusableImage('empty file (0 bytes)');
  if (extname(file).toLowerCase() === '.bmp') {
    let decoded;
    try {
      decoded = bmp.decode(buffer);
    } catch (error) {
      throw new UnusableImage(`corrupt or truncated BMP: ${(error as Error).message}`);
    }
    if (decoded.width * decoded.height > options.maxPixels) {
      throw new UnusableImage(`image is ${decoded.width}×${decoded.height} (${megapixels(decoded.width * decoded.height)}), over the ${megapixels(options.maxPixels)} limit`);
    }
    // bmp-js yields ABGR bytes; reorder to RGBA for sharp's raw input.
    const rgba = Buffer.alloc(decoded.data.length);
    for (let i = 0; i < rgba.length; i += 4) {
      rgba[i] = decoded.data[i + 3];
      rgba[i + 1] = decoded.data[i + 2];
      rgba[i + 2] = decoded.data[i + 1];
      rgba[i + 3] = 255;
    }
    return sharp(rgba, { raw: { width: decoded.width, height: decoded.height, channels: 4 } });
  }
  // The header is read without a pixel limit so that an oversized image gets a precise message, then refused.
  const image = sharp(buffer, { limitInputPixels: options.maxPixels, failOn: 'error', animated: false });
  let meta;
  try {
    meta = await sharp(buffer, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new UnusableImage(`not a readable image: ${(error as Error).message}`);
  }
  if (!meta.width || !meta.height) throw new UnusableImage('not a readable image: no dimensions in its header');
  if (meta.width * meta.height > options.maxPixels) {
    throw new UnusableImage(`image is ${meta.width}×${meta.height} (${megapixels(meta.width * meta.height)}), over the ${megapixels(options.maxPixels)} limit; not decoded`);
  }
  return image;
}

/**
 * Decodes one image to size×size bytes in planar CHW order (1 channel grayscale or 3 RGB), whatever its own
 * size, bit depth, palette or alpha: alpha is flattened onto black, orientation follows EXIF.
 */
export async function decodeImage(file: string, options: ImportOptions, out: Uint8Array, offset: number): Promise<void> {
  const image = await open(file, options);
  const channels = options.color === 'rgb' ? 3 : 1;
  let data: Buffer;
  try {
    let pipeline = image.rotate().flatten({ background: BLACK }).resize(options.size, options.size, { fit: FIT[options.fit], background: BLACK });
    pipeline = channels === 1 ? pipeline.grayscale() : pipeline.toColourspace('srgb');
    const result = await pipeline.raw().toBuffer({ resolveWithObject: true });
    if (result.info.channels !== channels) {
      // sharp keeps 2 channels for grey+alpha in a few cases; take the first `channels` of each pixel.
      const picked = Buffer.alloc(options.size * options.size * channels);
      for (let p = 0; p < options.size * options.size; p++) {
        for (let c = 0; c < channels; c++) picked[p * channels + c] = result.data[p * result.info.channels + Math.min(c, result.info.channels - 1)];
      }
      data = picked;
    } else data = result.data;
  } catch (error) {
    if (error instanceof UnusableImage) throw error;
    // libvips says only "Unknown error" when a file ends before its pixel data does.
    const message = (error as Error).message;
    throw new UnusableImage(`corrupt or truncated image: ${/^unknown error$/i.test(message.trim()) ? 'the pixel data ends early or is damaged' : message}`);
  }
  const plane = options.size * options.size;
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < channels; c++) out[offset + c * plane + p] = data[p * channels + c];
  }
}
