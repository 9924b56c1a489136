/**
 * Interleaved 8-bit pixels (1 gray, 2 gray+alpha, 3 RGB or 4 RGBA channels) to planar CHW bytes in the target
 * colour: alpha is composited onto black, gray is Rec. 601 luma 0.299 R + 0.587 G + 0.114 B (what PIL's
 * convert('L') computes), and gray sources repeat into all three planes for RGB.
 */
export function toPlanar(src: Uint8Array, pixels: number, srcChannels: number, rgb: boolean, out: Uint8Array, offset: number): void {
  const hasAlpha = srcChannels === 2 || srcChannels === 4;
  const colour = srcChannels >= 3;
  for (let p = 0; p < pixels; p++) {
    const i = p * srcChannels;
    const a = hasAlpha ? src[i + srcChannels - 1] / 255 : 1;
    const r = src[i] * a;
    const g = colour ? src[i + 1] * a : r;
    const b = colour ? src[i + 2] * a : r;
    if (rgb) {
      out[offset + p] = Math.round(r);
      out[offset + pixels + p] = Math.round(g);
      out[offset + 2 * pixels + p] = Math.round(b);
    } else {
      out[offset + p] = colour ? Math.round(0.299 * r + 0.587 * g + 0.114 * b) : Math.round(r);
    }
  }
}
