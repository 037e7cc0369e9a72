import type { MessageKey } from '../../i18n/en.ts';

/**
 * The lengths the server allows an action (newActionSchema and actionChangeSchema in
 * shared/contract/actions.ts), so the form says what is too long before anything is sent. Copied
 * as plain numbers because no zod may reach the bundle; tests/client/action-limits.test.ts reads
 * them back from the contract, so the two cannot drift apart unnoticed.
 */
export const ACTION_LIMITS = {
  title: 200,
  owner: 120,
  note: 1000,
  steps: 20,
  stepLength: 300,
} as const;

/**
 * `text` cut to at most `max` UTF-16 units (what the server counts), ending in "…" when cut. It
 * cuts between code points, so an emoji is never split into a lone half the server would refuse
 * to store as text.
 */
export function fitToLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const char of text) {
    if (kept.length + char.length > max - 1) break;
    kept += char;
  }
  return `${kept.trimEnd()}…`;
}

/** The steps a person typed, one per line, as they are sent: trimmed, blank lines left out. */
export const stepsOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export interface StepProblem {
  key: MessageKey;
  values: Record<string, number>;
}

/**
 * What the server would refuse in the steps, said before sending: too many of them, and each
 * step too long, by its line in the box (the line is what the person can find; blank lines count).
 */
export function stepProblems(text: string): StepProblem[] {
  const problems: StepProblem[] = [];
  const count = stepsOf(text).length;
  if (count > ACTION_LIMITS.steps)
    problems.push({ key: 'actions.stepsTooMany', values: { max: ACTION_LIMITS.steps, count } });
  text.split('\n').forEach((line, index) => {
    const length = line.trim().length;
    if (length > ACTION_LIMITS.stepLength)
      problems.push({
        key: 'actions.stepTooLong',
        values: { line: index + 1, length, max: ACTION_LIMITS.stepLength },
      });
  });
  return problems;
}
