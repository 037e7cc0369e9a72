import { type ErrorCode, errorMessage, type ParamsArg } from '../http/error-codes.ts';

/**
 * A problem with one field of an input, named the way the person who sent it will find it, with
 * its stable code where it has one, so a page can say it in the person's language.
 */
export interface FieldProblem {
  field: string;
  message: string;
  code?: ErrorCode;
  params?: Record<string, string | number>;
}

/** A field's problem by code, its English wording built from the code (server/http/error-codes.ts). */
export function fieldProblem<C extends ErrorCode>(
  field: string,
  code: C,
  ...params: ParamsArg<C>
): FieldProblem {
  const values: Record<string, string | number> = params[0] ?? {};
  return { field, message: errorMessage(code, values), code, params: values };
}
