import type { FieldIssue } from '../config/issues';
import { parseRunConfig } from '../config/parse-run-config';
import type { RunConfig } from '../config/run-config';
import { SweepError, expandSweep } from './expand-sweep';
import { describeConfigField, isConfigPath, modelFamilyOf, unusedByFamily } from './sweep-fields';
import type { SweepSpec, SweepValue } from './sweep-spec';

export interface ValidatedSweepRun {
  assignment: Record<string, SweepValue>;
  config: RunConfig;
}

export type SweepValidation = { ok: true; runs: ValidatedSweepRun[] } | { ok: false; issues: FieldIssue[] };

/** Enough to fix a sweep by; a 10 000-run grid with a bad base would otherwise repeat itself 10 000 times. */
const MAX_ISSUES = 20;

const showValue = (value: SweepValue): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** Every swept path must name one field of the run config (for the base's model family). */
function unknownFields(spec: SweepSpec): FieldIssue[] {
  const family = modelFamilyOf(spec.base);
  const issues: FieldIssue[] = [];
  for (const path of Object.keys(spec.parameters)) {
    if (family && unusedByFamily(path, family)) {
      issues.push({ path: `parameters.${path}`, message: `'${path}' changes nothing for the ${family} family: its runs would all be the same` });
      continue;
    }
    if (describeConfigField(path, family)) continue;
    const message = isConfigPath(path, family)
      ? `'${path}' is a group or list of fields, not one value: sweep one of the fields inside it`
      : `'${path}' is not a field of the run config${family ? ` for the ${family} family` : ''}`;
    issues.push({ path: `parameters.${path}`, message });
  }
  return issues;
}

/**
 * Expands a sweep and validates every run config in full, before anything is queued. A problem caused by a swept
 * value is reported at `parameters.<field>` with the value ("objective.beta = -1: Too small: …"); a problem in the
 * base config at `base.<field>`. Each distinct issue is reported once, and at most 20.
 */
export function validateSweep(spec: SweepSpec): SweepValidation {
  const fieldIssues = unknownFields(spec);
  if (fieldIssues.length > 0) return { ok: false, issues: fieldIssues.slice(0, MAX_ISSUES) };

  let expanded: ReturnType<typeof expandSweep>;
  try {
    expanded = expandSweep(spec);
  } catch (error) {
    if (error instanceof SweepError) return { ok: false, issues: [{ path: error.path, message: error.message }] };
    throw error;
  }

  const paths = Object.keys(spec.parameters);
  const issues = new Map<string, FieldIssue>();
  const runs: ValidatedSweepRun[] = [];
  for (let i = 0; i < expanded.configs.length && issues.size < MAX_ISSUES; i++) {
    const assignment = expanded.assignments[i];
    const parsed = parseRunConfig(expanded.configs[i]);
    if (parsed.ok) {
      runs.push({ assignment, config: parsed.config });
      continue;
    }
    for (const issue of parsed.issues) {
      // The swept field itself, or something inside it (a swept group's own fields).
      const swept = paths.find((p) => issue.path === p || issue.path.startsWith(`${p}.`));
      const located: FieldIssue = swept
        ? { path: `parameters.${swept}`, message: `${swept} = ${showValue(assignment[swept])}: ${issue.message}` }
        : { path: `base.${issue.path}`, message: issue.message };
      const key = `${located.path}\u0000${located.message}`;
      if (!issues.has(key)) issues.set(key, located);
      if (issues.size >= MAX_ISSUES) break;
    }
  }
  return issues.size > 0 ? { ok: false, issues: [...issues.values()] } : { ok: true, runs };
}
