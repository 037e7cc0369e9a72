import { ApiError } from '../../api.ts';
import type { MessageKey } from '../../i18n/en.ts';

/**
 * A problem to show the person: a message of the survey's own, or the server's refusal, which the
 * page says by its code in the person's language (i18n/problem-text.ts), else in the server's words.
 */
export type SurveyProblem = { key: MessageKey } | { refusal: ApiError };

// The server's stable reasons (its error body's `reason`), said in the person's language.
const reasonKeys: Record<string, MessageKey> = {
  'link-unknown': 'survey.error.link-unknown',
  'wave-not-open': 'survey.error.wave-not-open',
  'wave-closed': 'survey.error.wave-closed',
  'team-full': 'survey.error.team-full',
  'invitation-required': 'survey.error.invitation-required',
  'invitation-unknown': 'survey.error.invitation-unknown',
  'invitation-used': 'survey.error.invitation-used',
};

/** Reasons the person can fix by typing another personal code. */
const codeReasons = new Set(['invitation-required', 'invitation-unknown', 'invitation-used']);

/**
 * What to say about a failed call: its reason translated, else the server's refusal, else "offline".
 * `unconfirmed`: an earlier send of these answers got no reply. If the survey has closed since, they
 * may have been counted, and saying "no longer takes answers" would tell the person they were lost.
 */
export function surveyProblem(error: unknown, { unconfirmed = false } = {}): SurveyProblem {
  if (!(error instanceof ApiError)) return { key: 'common.offline' };
  if (unconfirmed && error.reason === 'wave-closed') return { key: 'survey.error.closed-maybe-recorded' };
  // A code the server cannot even read (too long, a control character): not a code of this survey.
  if (error.reason === null && namesCode(error)) return { key: 'survey.error.invitation-unknown' };
  const key = error.reason === null ? undefined : reasonKeys[error.reason];
  return key ? { key } : { refusal: error };
}

/**
 * The link will never take these answers: its wave closed, or it leads nowhere. What the device
 * kept for it (answers, comment, code) is then of no use, and on a shared phone or tablet it would
 * greet the next person from the team with someone else's answers.
 */
export const isLinkGone = (error: ApiError): boolean =>
  error.reason === 'wave-closed' || error.reason === 'link-unknown';

/** A refusal that names the personal code field (a 400 of the request's own checks). */
const namesCode = (error: ApiError): boolean =>
  error.status === 400 && error.fields.some((field) => field.field === 'body.invitation');

export const isCodeProblem = (error: unknown): boolean =>
  error instanceof ApiError &&
  ((error.reason !== null && codeReasons.has(error.reason)) || (error.reason === null && namesCode(error)));

/**
 * The personal code in what was typed or pasted: the code itself, or the whole invitation link
 * (`…/s/<link>?code=<code>`), which people paste as often as the code alone.
 */
export function typedCode(text: string): string {
  const trimmed = text.trim();
  const linked = /[?&]code=([^&#\s]+)/.exec(trimmed);
  if (!linked) return trimmed;
  try {
    return decodeURIComponent(linked[1]!).trim();
  } catch {
    return trimmed;
  }
}

/**
 * The personal code an invitation email puts in its link (`/s/<link>?code=<personal code>`),
 * and the address without it. The page replaces the address with the latter at once, so the code
 * does not linger in the address bar, the history or a screenshot of a shared screen.
 */
export function takePersonalCode(href: string): { code: string | null; address: string | null } {
  const url = new URL(href);
  if (!url.searchParams.has('code')) return { code: null, address: null };
  const code = url.searchParams.get('code')?.trim() ?? '';
  url.searchParams.delete('code');
  return { code: code === '' ? null : code, address: `${url.pathname}${url.search}${url.hash}` };
}
