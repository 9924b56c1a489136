import { runConfigSchema, withFamilyDefaults, type RunConfig } from './run-config';
import { fieldMessages } from './field-messages';
import { toFieldIssues, type FieldIssue } from './issues';

export type ParseResult = { ok: true; config: RunConfig } | { ok: false; issues: FieldIssue[] };

/** Validates a run config from any source (UI form, CLI file, WebSocket) and fills in defaults. */
export function parseRunConfig(input: unknown): ParseResult {
  const result = runConfigSchema.safeParse(withFamilyDefaults(input), { error: fieldMessages });
  return result.success ? { ok: true, config: result.data } : { ok: false, issues: toFieldIssues(result.error) };
}
