import { fnv1a } from '../../../../shared/fnv1a.ts';

/** What the survey keeps on the employee's own device until it is submitted, and nothing more. */
export interface SurveyDraft {
  submissionId: string;
  answers: Record<string, number | null>;
  comment: string;
  invitation: string;
  step: number;
  submitted: boolean;
  /**
   * A send of these answers went out and no reply came back: the server may have stored them.
   * Nothing on the server can say so once the survey closes (A4), so the page can only say "maybe".
   */
  unconfirmed?: boolean;
  /**
   * Once submitted with a personal code, 16 bits of it (`codeMark`): enough to tell the same
   * invitation opened again from another person's, far too few to tell anyone the code.
   */
  answeredWith?: string;
}

/**
 * 16 bits of a personal code as the server reads it (FNV-1a), in hex. A device keeps this of the
 * code it answered with, and nothing else of it: 1 code in 65,536 shares it by chance.
 */
export function codeMark(normalizedCode: string): string {
  const hash = fnv1a(normalizedCode);
  return ((hash >>> 16) ^ (hash & 0xffff)).toString(16).padStart(4, '0');
}

const keyOf = (code: string) => `trust-os:survey:${code}`;

/**
 * A random UUID (version 4). Not `crypto.randomUUID`, which browsers give only to pages served over
 * HTTPS or from localhost: a survey served over plain HTTP on an office network must work too.
 */
export function randomUuid(bytes: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): string {
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function loadDraft(code: string, storage: Storage = localStorage): SurveyDraft {
  try {
    const saved = JSON.parse(storage.getItem(keyOf(code)) ?? 'null') as SurveyDraft | null;
    if (saved && typeof saved.submissionId === 'string') return saved;
  } catch {
    // A damaged draft is replaced by a fresh one.
  }
  return freshDraft();
}

/** A draft for someone who has answered nothing yet, with a submission id of its own. */
export function freshDraft(): SurveyDraft {
  return {
    submissionId: randomUuid(),
    answers: {},
    comment: '',
    invitation: '',
    step: 0,
    submitted: false,
  };
}

export function saveDraft(code: string, draft: SurveyDraft, storage: Storage = localStorage): void {
  try {
    // Once submitted, only the fact is kept, so a second visit can say so; the answers are dropped.
    const kept = draft.submitted ? { ...draft, answers: {}, comment: '', invitation: '' } : draft;
    storage.setItem(keyOf(code), JSON.stringify(kept));
  } catch {
    // Private browsing or a full storage: the survey still works, it just cannot resume.
  }
}

/** Drops what the device kept for a link that will never take it (see `isLinkGone`). */
export function forgetDraft(code: string, storage: Storage = localStorage): void {
  try {
    storage.removeItem(keyOf(code));
  } catch {
    // Storage unavailable: nothing was kept.
  }
}
