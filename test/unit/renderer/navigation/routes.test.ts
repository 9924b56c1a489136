import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, sectionOf, type Route } from '../../../../src-renderer/src/navigation/routes';

describe('screen addresses', () => {
  const table: [hash: string, route: Route][] = [
    ['', { view: 'train' }],
    ['#', { view: 'train' }],
    ['#/', { view: 'train' }],
    ['#/train', { view: 'train' }],
    ['#/runs', { view: 'runs' }],
    ['#/runs/', { view: 'runs' }],
    ['#/runs/7', { view: 'run', runId: 7, tab: 'curves' }],
    ['#/runs/7/details', { view: 'run', runId: 7, tab: 'details' }],
    ['#/runs/7/posterior', { view: 'run', runId: 7, tab: 'posterior' }],
    ['#/compare/3,5,7', { view: 'compare', runIds: [3, 5, 7] }],
    ['#/compare/5,5,3', { view: 'compare', runIds: [5, 3] }],
    ['#/sweeps', { view: 'sweeps' }],
    ['#/sweeps/2', { view: 'sweep', sweepId: 2 }],
    ['#/datasets', { view: 'datasets' }],
    ['#/datasets/builtin%3Asprites', { view: 'dataset', datasetId: 'builtin:sprites' }],
    ['#/datasets/builtin:spiral', { view: 'dataset', datasetId: 'builtin:spiral' }],
    ['#/datasets/imported%3Amy%20scans', { view: 'dataset', datasetId: 'imported:my scans' }],
    ['#/reproduce', { view: 'reproduce' }],
    ['#/builder', { view: 'builder', architectureId: null }],
    ['#/builder/', { view: 'builder', architectureId: null }],
    ['#/builder/12', { view: 'builder', architectureId: 12 }],
  ];
  it.each(table)('reads %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  const bad = ['#/runs/0', '#/runs/007', '#/runs/x', '#/runs/7/extra', '#/runs/7/curves/x', '#/compare/', '#/compare/1,,2', '#/compare/1,2,3,4,5,6,7,8,9,10,11', '#/nope', '#/train/3', '#/datasets/%E0%A4%A', '#/builder/0', '#/builder/x', '#/builder/3/edit'];
  it.each(bad)('says %j is no screen, keeping what was asked for', (hash) => {
    const route = parseRoute(hash);
    expect(route.view).toBe('not-found');
    expect(route.view === 'not-found' && route.hash).toBe(hash.replace(/\/$/, ''));
  });

  it('writes addresses that read back as the same screen', () => {
    for (const [, route] of table) expect(parseRoute(routeHash(route))).toEqual(route);
    expect(routeHash({ view: 'compare', runIds: [3, 5, 7] })).toBe('#/compare/3,5,7');
    expect(routeHash({ view: 'run', runId: 12, tab: 'curves' })).toBe('#/runs/12');
    expect(routeHash({ view: 'run', runId: 12, tab: 'latent' })).toBe('#/runs/12/latent');
    expect(routeHash({ view: 'dataset', datasetId: 'imported:a/b c' })).toBe('#/datasets/imported%3Aa%2Fb%20c');
    expect(routeHash({ view: 'builder', architectureId: null })).toBe('#/builder');
    expect(routeHash({ view: 'builder', architectureId: 4 })).toBe('#/builder/4');
  });

  it('puts a run, a comparison and a sweep under the Runs tab', () => {
    expect(sectionOf('run')).toBe('runs');
    expect(sectionOf('compare')).toBe('runs');
    expect(sectionOf('sweep')).toBe('runs');
    expect(sectionOf('train')).toBe('train');
    expect(sectionOf('dataset')).toBe('datasets');
    expect(sectionOf('not-found')).toBeNull();
  });

  it('gives the builder its own tab, with or without a saved architecture open', () => {
    expect(sectionOf('builder')).toBe('builder');
  });
});
