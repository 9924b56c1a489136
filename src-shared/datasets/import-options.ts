import { z } from 'zod';

/**
 * Options of a one-time dataset import. Images are resized to size×size:
 * 'fit' stretches to the square, 'cover' scales to cover it and crops the centre, 'pad' scales to fit inside and
 * pads with black. Colour is grayscale (1 channel) or RGB (3). The split is drawn once, with `seed`.
 */
export const importOptionsSchema = z.strictObject({
  /** A folder of images (labels from subfolder names) or an IDX images file (.gz or raw). */
  path: z.string().min(1),
  name: z.string().trim().min(1).max(120).optional(),
  size: z.int().min(4).max(512).default(28),
  color: z.enum(['grayscale', 'rgb']).default('grayscale'),
  fit: z.enum(['fit', 'cover', 'pad']).default('pad'),
  validationSplit: z.number().min(0.01).max(0.5).default(0.1),
  /**
   * A fixed test split drawn once (seeded) from the samples, when the source has none of its own: never trained or
   * validated on. 0: no test split. A source with its own test part (an IDX t10k file, a test/ or val/ folder)
   * keeps that one, and refuses a fraction.
   */
  testSplit: z.number().min(0).max(0.5).default(0),
  seed: z.int().min(0).max(2 ** 31 - 1).default(0),
  /** Images with more pixels than this are refused unread (decompression bombs). */
  maxPixels: z.int().min(1).max(1_000_000_000).default(40_000_000),
  /** IDX only: the labels file, when it is not the images file's usual sibling (…-labels-idx1-ubyte[.gz]). */
  labelsPath: z.string().min(1).optional(),
  /**
   * IDX only: the test images file (its labels are its sibling), kept as the dataset's test split, e.g.
   * t10k-images-idx3-ubyte.gz beside train-images-idx3-ubyte.gz. A folder holding both is recognised by itself.
   */
  testPath: z.string().min(1).optional(),
});

export type ImportOptionsInput = z.input<typeof importOptionsSchema>;
export type ImportOptions = z.output<typeof importOptionsSchema>;

export interface ImportProgress {
  importId: string;
  phase: 'scanning' | 'decoding' | 'writing';
  done: number;
  total: number;
  skipped: number;
  filesPerSec: number;
}
