import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../src-shared/config/parse-run-config';
import { summarizeModel } from '../../src-shared/model-spec/model-summary';
import { builtinDatasetInfo } from '../../src-shared/datasets/builtin';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

describe('examples/', () => {
  it.each(readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')))('%s is a valid run config whose model fits its dataset', (file) => {
    const parsed = parseRunConfig(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')));
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues)).toBe(true);
    if (!parsed.ok) return;
    const info = builtinDatasetInfo(parsed.config.dataset.id);
    expect(info, parsed.config.dataset.id).toBeDefined();
    expect(summarizeModel(parsed.config.model, info!.sampleShape).totalParams).toBeGreaterThan(0);
  });

  it('has a runnable example for every model family', () => {
    const families = readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.json'))
      .map((f) => (JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')) as { model: { family: string } }).model.family);
    expect([...new Set(families)].sort()).toEqual(['ae', 'dae', 'gae', 'graph-vae', 'linear-ae', 'pca', 'vae', 'vgae']);
  });
});
