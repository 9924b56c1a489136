import { describe, expect, it } from 'vitest';
import { builtinDatasetInfo, isBuiltinDataset, listBuiltinDatasets } from '../../../../src-shared/datasets/builtin';
import { builtinGraphSet, listBuiltinGraphDatasets } from '../../../../src-shared/graphs/builtin-graphs';
import { graphSetProblem } from '../../../../src-shared/graphs/graph-files';

describe('built-in graph datasets', () => {
  it('are listed with the other built-ins, as graph datasets with their counts', () => {
    const ids = listBuiltinDatasets().filter((d) => d.kind === 'graph').map((d) => d.id);
    expect(ids).toEqual(['builtin:sbm', 'builtin:sbm-cora', 'builtin:community-small', 'builtin:grids', 'builtin:cycles', 'builtin:ladders', 'builtin:trees']);
    for (const id of ids) expect(isBuiltinDataset(id)).toBe(true);
    const sbm = builtinDatasetInfo('builtin:sbm')!;
    expect(sbm).toMatchObject({ kind: 'graph', count: 1000, sampleShape: [200], builtin: true, classes: ['community 1', 'community 2', 'community 3', 'community 4'], classCounts: [250, 250, 250, 250] });
    expect(sbm.graph).toMatchObject({ graphs: 1, nodes: 1000, featureCount: 200 });
    const cora = builtinDatasetInfo('builtin:sbm-cora')!;
    expect(cora.graph).toMatchObject({ graphs: 1, nodes: 2708, featureCount: 1433 });
    expect(cora.graph!.edges).toBeGreaterThan(5000);
    expect(builtinDatasetInfo('builtin:community-small')).toMatchObject({ count: 100, sampleShape: [0], graph: { graphs: 100 } });
  });

  it('are the same graphs every time (fixed seeds) and well formed', () => {
    for (const d of listBuiltinGraphDatasets()) {
      const set = builtinGraphSet(d.id);
      expect(graphSetProblem(set), d.id).toBeNull();
    }
    expect(() => builtinGraphSet('builtin:nope')).toThrow(/unknown built-in graph dataset/);
  });
});
