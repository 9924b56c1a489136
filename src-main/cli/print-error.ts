import { ApiError } from '../../src-shared/contract/api-error';

/** Prints an error for a person (field by field when the error names fields) and sets a failing exit code. */
export function printError(error: unknown, context?: string): void {
  const apiError = ApiError.fromUnknown(error);
  // A message that already lists its field issues is shortened to its headline; the issues follow one per line.
  const headline = apiError.issues?.length ? apiError.message.split(':')[0] : apiError.message;
  const lines = [`error: ${context ? `${context}: ` : ''}${headline}`];
  for (const issue of apiError.issues ?? []) lines.push(`  ${issue.path}: ${issue.message}`);
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exitCode = apiError.code === 'invalid_input' ? 2 : 1;
}
