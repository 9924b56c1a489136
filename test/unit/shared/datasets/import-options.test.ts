import { describe, expect, it } from 'vitest';
import { importOptionsSchema, sourceOptionIssues, type ImportOptionsInput } from '../../../../src-shared/datasets/import-options';
import type { DatasetSourceKind } from '../../../../src-shared/datasets/types';

const issues = (source: DatasetSourceKind, options: Partial<ImportOptionsInput>) => sourceOptionIssues(importOptionsSchema.parse({ path: '/data/x', ...options }), source);

describe('options that do not apply to the source an import turned out to be', () => {
  it('accepts every option at its default for a graph, and a graph file naming its features and labels', () => {
    expect(issues('edge-list', { size: 28, fit: 'pad', color: 'grayscale', validationSplit: 0.1, seed: 0, featuresPath: '/f.csv', labelsPath: '/l.csv' })).toEqual([]);
    expect(issues('linqs', {})).toEqual([]);
    expect(issues('tu-dortmund', {})).toEqual([]);
  });

  it.each([
    { source: 'edge-list', options: { size: 64 }, field: 'size', message: /^size is an image import option and \/data\/x is a graph \(edge-list\): graphs are not resized; leave size out$/ },
    { source: 'linqs', options: { color: 'rgb' }, field: 'color', message: /graphs have no colour/ },
    { source: 'tu-dortmund', options: { fit: 'cover' }, field: 'fit', message: /graphs are not resized/ },
    { source: 'edge-list', options: { testSplit: 0.2 }, field: 'testSplit', message: /link-prediction split is drawn per run, from the run config's seed/ },
    { source: 'edge-list', options: { validationSplit: 0.2 }, field: 'validationSplit', message: /drawn per run/ },
    { source: 'edge-list', options: { seed: 3 }, field: 'seed', message: /drawn per run/ },
    { source: 'edge-list', options: { maxPixels: 10 }, field: 'maxPixels', message: /graphs have no pixels/ },
    { source: 'edge-list', options: { testPath: '/t' }, field: 'testPath', message: /names an IDX test images file/ },
    { source: 'linqs', options: { featuresPath: '/f.csv' }, field: 'featuresPath', message: /^featuresPath applies to an edge list; \/data\/x is a LINQS folder and its \.content file holds the features/ },
    { source: 'tu-dortmund', options: { labelsPath: '/l.csv' }, field: 'labelsPath', message: /TU Dortmund folder and its DS_node_attributes\.txt/ },
    { source: 'image-folder', options: { featuresPath: '/f.csv' }, field: 'featuresPath', message: /^featuresPath names the node-feature file of an edge list; \/data\/x holds images: leave featuresPath out$/ },
    { source: 'idx', options: { featuresPath: '/f.csv' }, field: 'featuresPath', message: /holds images/ },
    { source: 'image-folder', options: { testPath: '/t' }, field: 'testPath', message: /^testPath names an IDX test images file; an image folder gives its test split/ },
  ] as { source: DatasetSourceKind; options: Partial<ImportOptionsInput>; field: string; message: RegExp }[])('$source refuses $field', ({ source, options, field, message }) => {
    const found = issues(source, options);
    expect(found.map((i) => i.path)).toEqual([field]);
    expect(found[0].message).toMatch(message);
  });

  it('keeps the image options images use', () => {
    expect(issues('idx', { size: 32, color: 'rgb', testPath: '/t', labelsPath: '/l' })).toEqual([]);
    expect(issues('image-folder', { size: 64, fit: 'cover', testSplit: 0.2, seed: 4 })).toEqual([]);
  });
});
