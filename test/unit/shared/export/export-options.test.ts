import { describe, expect, it } from 'vitest';
import { defaultExportName, exportOptionsIssues, exportOptionsSchema, resolvedExportOptions } from '../../../../src-shared/export/export-options';

describe('export options', () => {
  it('refuses options a format would ignore, naming them and where they apply', () => {
    expect(exportOptionsIssues('onnx', { split: 'train' })).toEqual(['options.split: onnx exports do not use it (it applies to latents-csv, latents-npy)']);
    expect(exportOptionsIssues('latents-csv', { split: 'train', scale: 2 })).toEqual(['options.scale: latents-csv exports do not use it (it applies to png)']);
    expect(exportOptionsIssues('png', { figures: ['samples'], scale: 2, steps: 5 })).toEqual([]);
  });

  it('checks values and fills defaults', () => {
    expect(exportOptionsSchema.safeParse({ scale: 0 }).success).toBe(false);
    expect(exportOptionsSchema.safeParse({ figures: ['heatmap'] }).success).toBe(false);
    expect(exportOptionsSchema.safeParse({ extra: 1 }).success).toBe(false);
    expect(resolvedExportOptions({})).toEqual({ split: 'both', figures: null, scale: 4, count: 8, from: 0, to: 1, steps: 10, seed: 0 });
  });

  it('names export folders after the run', () => {
    expect(defaultExportName(12, 'VAE β=1 z=8', 'onnx')).toBe('run-12-vae-1-z-8-onnx');
    expect(defaultExportName(3, '***', 'png')).toBe('run-3-png');
  });
});
