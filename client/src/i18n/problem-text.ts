import { ApiError, type ErrorParams, type FieldProblem } from '../api.ts';
import { errorWording } from './error-catalogs.ts';
import { fieldLabel } from './field-names.ts';
import { formatDate } from './format.ts';
import { hasMessage, translate } from './translate.ts';

// Parameters the server sends as its own words for a state or a role: said in the page's language.
const paramWords: Record<string, (value: string) => string> = {
  status: (value) => `wave.status.${value}`,
  role: (value) => `role.${value}`,
};

// Parameters the server sends as calendar days (YYYY-MM-DD): said as the page's language writes dates.
const dayParams = new Set(['earliest', 'latest']);

function localParams(locale: string, params: ErrorParams): ErrorParams {
  const said: ErrorParams = { ...params };
  for (const [name, value] of Object.entries(params)) {
    const key = typeof value === 'string' ? paramWords[name]?.(value) : undefined;
    if (key && hasMessage(key)) said[name] = translate(locale, key);
    else if (typeof value === 'string' && dayParams.has(name)) said[name] = formatDate(locale, value);
  }
  return said;
}

/** A field as a person finds it: `closesAt` rather than `body.closesAt`; a row's name stays whole. */
export const fieldName = (field: string): string => field.replace(/^(body|query|params|headers)\./, '');

/** One field's problem in the page's language, after its name where needed; else the server's English. */
export function fieldProblemText(locale: string, problem: FieldProblem): string {
  const said = problem.code
    ? errorWording(locale, problem.code, localParams(locale, problem.params ?? {}))
    : null;
  // A whole sentence about a field of the form ("The closing time must be in the future.") or about
  // the whole body needs no name before it; a phrase ("must be at least 3") and a row of a file
  // ("row 3: email") do.
  if (said && isSentence(said) && /^(body$|(body|query|params)\.)/.test(problem.field)) return said;
  // In the page's language only when the problem is: beside the server's English, its own name.
  if (!said) return `${fieldName(problem.field)}: ${problem.message}`;
  return translate(locale, 'common.labelled', { label: fieldLabel(locale, problem.field), value: said });
}

const isSentence = (text: string) => /^\p{Lu}/u.test(text);

/**
 * What to tell the person about a failed call, line by line: the problem in their language (the
 * server's `code` with its `params`), then each field's problem beside its name. A code this page
 * does not know yet (a newer server) falls back to the server's English. A call that heard
 * nothing back (no connection, or an answer given up on) says the server could not be reached;
 * a 5xx without our code is a proxy's page in front of the server while it restarts (502, 504),
 * whose status text, in English, is no message: it is said as the server being busy.
 */
export function problemLines(locale: string, error: unknown): string[] {
  if (!(error instanceof ApiError)) return [translate(locale, 'state.offline')];
  if (error.code === null && error.status >= 500)
    return [errorWording(locale, 'service.unavailable', {}) ?? translate(locale, 'common.error')];
  const fields = error.fields.map((field) => fieldProblemText(locale, field));
  // A problem about one field is said once, beside that field.
  const onlyTheField = error.fields.length === 1 && error.fields[0]!.code === error.code;
  if (onlyTheField) return fields;
  const said = error.code ? errorWording(locale, error.code, localParams(locale, error.params)) : null;
  return [said ?? error.message, ...fields];
}

/** The same as one sentence, for a page that shows a single line. */
export const problemText = (locale: string, error: unknown): string => problemLines(locale, error).join(' ');
