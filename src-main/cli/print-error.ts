import { ApiError } from '../../src-shared/contract/api-error';

/** Prints an error for a person (field by field when the error names fields) and sets a failing exit code. */
export function printError(error: unknown, context?: string): void {
  const apiError = ApiError.fromUnknown(error);
  const lines = [`error: ${context ? `${context}: ` : ''}${apiError.issues?.length ? 'invalid run config' : apiError.message}`];
  for (const issue of apiError.issues ?? []) lines.push(`  ${issue.path}: ${issue.message}`);
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exitCode = apiError.code === 'invalid_input' ? 2 : 1;
}
