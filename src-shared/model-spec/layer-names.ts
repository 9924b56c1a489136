import { layerName } from './infer';
import type { LayerSpec } from './layers';

/** Names the trainer gives layers of its own; a spec layer may not take them (checkpoint weights are keyed by name). */
export const RESERVED_LAYER_NAMES: ReadonlySet<string> = new Set(['latent', 'latent_mu', 'latent_log_var', 'encoder_input', 'decoder_input']);

/** A layer whose effective name is refused, at `path` relative to the object holding `encoder` and `decoder`. */
export interface LayerNameIssue {
  path: ['encoder' | 'decoder', number, 'name'];
  message: string;
}

/**
 * Every layer's effective name (given, or the default enc_dense1, …) keys its weights in checkpoints: one name, one
 * layer, and none of the trainer's own. `owner` is how messages point at the other layer holding a name: 'model.'
 * in a run config, 'spec.' in a saved architecture.
 */
export function layerNameIssues(parts: { encoder?: LayerSpec[]; decoder?: LayerSpec[] }, owner: string): LayerNameIssue[] {
  const issues: LayerNameIssue[] = [];
  const seen = new Map<string, string>();
  for (const part of ['encoder', 'decoder'] as const) {
    (parts[part] ?? []).forEach((layer, index) => {
      const name = layerName(part, layer, index);
      const path: LayerNameIssue['path'] = [part, index, 'name'];
      if (RESERVED_LAYER_NAMES.has(name)) {
        issues.push({ path, message: `layer name '${name}' is reserved for a layer the trainer adds; choose another` });
      }
      const first = seen.get(name);
      if (first !== undefined) {
        const whose = layer.name === undefined ? ` (it is this layer's default name)` : '';
        issues.push({ path, message: `layer name '${name}' is used twice: ${owner}${first} has it too${whose}; give each layer its own name` });
      } else {
        seen.set(name, `${part}.${index}`);
      }
    });
  }
  return issues;
}
