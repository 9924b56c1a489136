import type { z } from 'zod';
import { fieldMessages } from '../config/field-messages';
import { jsonSyntaxErrorLocation } from '../json/syntax-error-location';
import type { Architecture } from './architecture';
import { layerNameIssues } from './layer-names';
import { layerSpecSchema, type LayerSpec } from './layers';

/** The most layers an encoder or a decoder takes (the run config's and the saved architecture's limit). */
export const MAX_LAYERS_PER_SIDE = 32;

const PARTS = ['encoder', 'decoder'] as const;
const LAYER_TYPES = layerSpecSchema.options.map((option) => option.shape.type.value);
/** The fields each layer type takes, for "unknown field" messages. */
const FIELDS = new Map(layerSpecSchema.options.map((option) => [option.shape.type.value as string, Object.keys(option.shape).filter((key) => key !== 'type')]));
const EXAMPLE = '{ "encoder": [{ "type": "flatten" }, { "type": "dense", "units": 64 }], "decoder": [...] }';

export type ParsedArchitecture = { ok: true; architecture: Architecture } | { ok: false; messages: string[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const quote = (value: unknown) => (typeof value === 'string' ? `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'` : String(value));

/** "encoder layer 3 'conv2' (conv2d)": 1-based, as a reader counts, with the name and type when they are known. */
function layerLabel(part: 'encoder' | 'decoder', index: number, raw: unknown): string {
  const name = isRecord(raw) && typeof raw.name === 'string' ? ` ${quote(raw.name)}` : '';
  const type = isRecord(raw) && typeof raw.type === 'string' && LAYER_TYPES.includes(raw.type as LayerSpec['type']) ? ` (${raw.type})` : '';
  return `${part} layer ${index + 1}${name}${type}`;
}

/** One layer's problems in words that name the field: missing, unknown, of the wrong kind, or out of range. */
function layerIssues(issue: z.core.$ZodIssue, raw: unknown): string[] {
  const field = issue.path.length ? String(issue.path[0]) : null;
  if (!isRecord(raw)) return ['must be an object with a "type", such as { "type": "dense", "units": 64 }'];
  if (issue.code === 'invalid_union' && field === 'type') {
    return raw.type === undefined
      ? [`missing field 'type' (one of ${LAYER_TYPES.join(', ')})`]
      : [`unknown type ${quote(raw.type)}; use one of ${LAYER_TYPES.join(', ')}`];
  }
  if (issue.code === 'unrecognized_keys') {
    const takes = FIELDS.get(String(raw.type)) ?? [];
    return issue.keys.map((key) => `unknown field ${quote(key)} (a ${String(raw.type)} layer takes ${takes.join(', ')})`);
  }
  if (field !== null && !(field in raw)) return [`missing field '${field}'`];
  return [`field '${issue.path.join('.')}' ${issue.message}`];
}

/** A JSON syntax error in the engine's words, without its echo of the text (which may be long), and where it is. */
function syntaxMessage(text: string, error: Error): string {
  const reason = error.message.replace(/,? (\.\.\.)?".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
  const at = jsonSyntaxErrorLocation(text);
  return at ? `Not valid JSON at line ${at.line}, column ${at.column}: ${reason}` : `Not valid JSON: ${reason}`;
}

/**
 * Reads `{ "encoder": [...], "decoder": [...] }` as typed in the builder's JSON pane. Every problem is reported
 * naming the side, the layer (1-based, with its name) and the field; nothing is returned unless all is well.
 * Sides may be empty here (the builder shows a model being built); saving asks for at least one layer each.
 */
export function parseArchitectureJson(text: string): ParsedArchitecture {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, messages: [syntaxMessage(text, error as Error)] };
  }
  if (!isRecord(value)) return { ok: false, messages: [`The spec is an object with an "encoder" and a "decoder" list of layers, such as ${EXAMPLE}`] };
  const messages: string[] = [];
  for (const key of Object.keys(value)) {
    if (!(PARTS as readonly string[]).includes(key)) messages.push(`unknown field ${quote(key)} at the top level: the spec has only "encoder" and "decoder"`);
  }
  const architecture: Architecture = { encoder: [], decoder: [] };
  for (const part of PARTS) {
    const layers = value[part];
    if (layers === undefined) {
      messages.push(`missing field '${part}': a list of layers (it may be empty while you build)`);
      continue;
    }
    if (!Array.isArray(layers)) {
      messages.push(`field '${part}' must be a list of layers, such as [{ "type": "dense", "units": 64 }]`);
      continue;
    }
    if (layers.length > MAX_LAYERS_PER_SIDE) {
      messages.push(`the ${part} has ${layers.length} layers; a side takes at most ${MAX_LAYERS_PER_SIDE}`);
      continue;
    }
    layers.forEach((raw, index) => {
      const parsed = layerSpecSchema.safeParse(raw, { error: fieldMessages });
      if (parsed.success) architecture[part].push(parsed.data);
      else for (const issue of parsed.error.issues) messages.push(...layerIssues(issue, raw).map((m) => `${layerLabel(part, index, raw)}: ${m}`));
    });
  }
  if (messages.length === 0) messages.push(...nameIssues(architecture).map((i) => `${layerLabel(i.part, i.index, architecture[i.part][i.index])}: ${i.message}`));
  return messages.length ? { ok: false, messages: [...new Set(messages)] } : { ok: true, architecture };
}

/**
 * Layer names the host would refuse (one name for two layers, or a name the trainer keeps for itself): the rule
 * run configs and saved architectures share (layer-names.ts), with the other layer counted from 1 as here.
 */
export function nameIssues(architecture: Architecture): { part: 'encoder' | 'decoder'; index: number; message: string }[] {
  return layerNameIssues(architecture, '').map(({ path: [part, index], message }) => ({
    part,
    index,
    message: message.replace(/\b(encoder|decoder)\.(\d+)\b/g, (_, side: string, i: string) => `${side} layer ${Number(i) + 1}`),
  }));
}

/** The spec as the JSON pane shows it: one layer per line, its fields in the schema's order, so a long model stays readable. */
export function formatArchitectureJson(architecture: Architecture): string {
  const layer = (spec: LayerSpec) => {
    const order = ['type', ...(FIELDS.get(spec.type) ?? [])];
    const fields = Object.entries(spec).filter(([, value]) => value !== undefined);
    fields.sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
    return `{ ${fields.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ')} }`;
  };
  const side = (part: 'encoder' | 'decoder') =>
    architecture[part].length ? `[\n${architecture[part].map((spec) => `    ${layer(spec)}`).join(',\n')}\n  ]` : '[]';
  return `{\n  "encoder": ${side('encoder')},\n  "decoder": ${side('decoder')}\n}\n`;
}
