import type { ImageBatch } from '../contract/types';

/** Packs `count` samples of [C, H, W] floats in [0, 1] into an N×H×W×C byte batch for display. */
export function toImageBatch(data: Float32Array, count: number, sampleShape: number[]): ImageBatch {
  const [channels, height, width] = sampleShape;
  const pixels = new Uint8Array(count * height * width * channels);
  const plane = height * width;
  for (let n = 0; n < count; n++) {
    for (let c = 0; c < channels; c++) {
      for (let p = 0; p < plane; p++) {
        const v = data[n * channels * plane + c * plane + p];
        pixels[(n * plane + p) * channels + c] = Math.round(Math.min(1, Math.max(0, v)) * 255);
      }
    }
  }
  return { count, width, height, channels, pixels };
}

/** Packs `count` channels-last samples ([H, W, C] floats in [0, 1]) into an image batch: the layouts agree. */
export function channelsLastToImageBatch(data: Float32Array, count: number, [height, width, channels]: number[]): ImageBatch {
  const pixels = new Uint8Array(count * height * width * channels);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round(Math.min(1, Math.max(0, data[i])) * 255);
  return { count, width, height, channels, pixels };
}
