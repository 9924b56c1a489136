import { ApiError } from '../../src-shared/contract/api-error';
import { isRequestName, requestSchemas, type CallContext, type RequestHandlers } from '../../src-shared/contract/api';
import { fieldMessages } from '../../src-shared/config/field-messages';
import { toFieldIssues } from '../../src-shared/config/issues';
import { quoteInput } from '../../src-shared/contract/quote-input';

/**
 * The host boundary: every request from any transport comes through here. Unknown names and inputs that
 * fail their zod schema become typed errors; nothing a client sends can throw past this function.
 */
export async function dispatch(handlers: RequestHandlers, name: unknown, input: unknown, context: CallContext = {}): Promise<unknown> {
  if (!isRequestName(name)) throw new ApiError('unknown_method', `unknown request ${quoteInput(String(name))}`);
  const parsed = requestSchemas[name].safeParse(input ?? {}, { error: fieldMessages });
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    throw new ApiError('invalid_input', `invalid input to ${name}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const handler = handlers[name] as (input: unknown, context: CallContext) => Promise<unknown>;
  try {
    return await handler(parsed.data, context);
  } catch (error) {
    throw ApiError.fromUnknown(error);
  }
}
