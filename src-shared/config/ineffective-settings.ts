import { ineffectiveSettings, runConfigFieldsSchema } from './run-config';

/**
 * Settings that never changed what a run did, which this version refuses for new runs (run-config.ts
 * `ineffectiveSettings`): e.g. a momentum under Adam, β beside capacity annealing, an optimizer for PCA. Runs
 * recorded by earlier versions may carry them; reading such a run (a run bundle, "Re-run with changes") drops them,
 * names what it dropped, and the run trains the same.
 */
export function dropIneffectiveSettings(config: unknown): { config: unknown; dropped: string[] } {
  const parsed = runConfigFieldsSchema.safeParse(config);
  if (!parsed.success) return { config, dropped: [] };
  const paths = ineffectiveSettings(parsed.data).map((i) => i.path.map(String));
  if (paths.length === 0) return { config, dropped: [] };
  const out = structuredClone(config) as Record<string, unknown>;
  for (const path of paths) {
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), out);
    if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[path[path.length - 1]];
  }
  return { config: out, dropped: paths.map((p) => p.join('.')) };
}
