import type { ApiErrorShape } from './types';
import type { FieldIssue } from '../config/issues';

/** The one error type that crosses the contract; transports carry its shape and rebuild it on the other side. */
export class ApiError extends Error {
  readonly code: ApiErrorShape['code'];
  readonly issues?: FieldIssue[];

  constructor(code: ApiErrorShape['code'], message: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  toShape(): ApiErrorShape {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }

  static fromShape(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, shape.issues);
  }

  static fromUnknown(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new ApiError('internal', message);
  }
}
