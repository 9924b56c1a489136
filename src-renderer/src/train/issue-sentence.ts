import type { FieldIssue } from '../../../src-shared/config/issues';
import { layerName } from '../../../src-shared/model-spec/infer';
import type { LayerSpec } from '../../../src-shared/model-spec/layers';

/** The layers of an explicit spec (none for the MLP shorthand, or a config that does not parse). */
export interface SpecLayers {
  encoder?: readonly LayerSpec[];
  decoder?: readonly LayerSpec[];
}

const LAYER_PATH = /^model\.(encoder|decoder)\.(\d+)(?:\.(.+))?$/;

/**
 * An issue no field of the train form shows, as a sentence to read rather than a config path: a layer of an
 * explicit spec by its place, name and type ("encoder layer 1 'conv1' (conv2d): needs an image input…"), a shape
 * error of the model as a whole by its message alone. Any other path is kept after the message, to be found.
 */
export function issueSentence(issue: FieldIssue, layers: SpecLayers): string {
  if (issue.path === 'model') return issue.message;
  const match = LAYER_PATH.exec(issue.path);
  if (!match) return `${issue.message} (${issue.path})`;
  const part = match[1] as 'encoder' | 'decoder';
  const index = Number(match[2]);
  const field = match[3];
  const layer = layers[part]?.[index];
  const name = layer ? layerName(part, layer, index) : null;
  const where = `${part} layer ${index + 1}${name ? ` '${name}'` : ''}${layer ? ` (${layer.type})` : ''}${field ? `, field '${field}'` : ''}`;
  // Shape errors name the layer themselves ("encoder layer 'conv1' (conv2d): …", "… at layer 'deconv2'"): said once.
  let message = issue.message;
  const lead = layer ? `${part} layer '${name}' (${layer.type}): ` : null;
  const tail = ` at layer '${name}'`;
  if (lead && message.startsWith(lead)) message = message.slice(lead.length);
  if (name && message.endsWith(tail)) message = message.slice(0, -tail.length);
  return `${where}: ${message}`;
}
