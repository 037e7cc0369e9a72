import { type FieldProblem, fieldProblem } from '../field-problem.ts';

export interface AnswerableItem {
  id: string;
  required: boolean;
}

export const COMMENT_MAX_LENGTH = 2000;

/**
 * Answers as they are stored: one per item of the questionnaire version, in the order of its
 * definition's items, null where the item was skipped or left out. A published version never
 * changes (docs/questionnaires.md), so a position names the same item for as long as the answer
 * is kept; the database reads and sums positions instead of looking up item ids in every row.
 */
export type AnswerValues = (number | null)[];

/** Puts answers given by item id in the order of `items`; an item not answered is null. */
export function inItemOrder(
  items: readonly { id: string }[],
  answers: Readonly<Record<string, number | null | undefined>>,
): AnswerValues {
  // Own properties only: an item id such as `constructor` must not find Object's.
  return items.map((item) => (Object.hasOwn(answers, item.id) ? (answers[item.id] ?? null) : null));
}

/**
 * Checks a submission against its questionnaire version. Unknown items, values other than
 * whole numbers 1 to 5 (or null where an item may be skipped), and missing required items
 * are each named; a submission that answers nothing at all is refused as well. What passes comes
 * back in the stored form (`AnswerValues`).
 */
export function validateAnswers(
  items: AnswerableItem[],
  answers: Record<string, unknown>,
): { ok: true; answers: AnswerValues } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const known = new Map(items.map((item) => [item.id, item]));
  const clean: Record<string, number | null> = {};
  for (const [itemId, value] of Object.entries(answers)) {
    const field = `body.answers.${itemId}`;
    const item = known.get(itemId);
    if (!item) {
      errors.push(fieldProblem(field, 'survey.not-a-question'));
      continue;
    }
    if (value === null) {
      if (item.required) errors.push(fieldProblem(field, 'survey.answer-required'));
      else clean[itemId] = null;
      continue;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) {
      errors.push(fieldProblem(field, 'survey.answer-out-of-range'));
      continue;
    }
    clean[itemId] = value;
  }
  for (const item of items) {
    if (item.required && !(item.id in answers))
      errors.push(fieldProblem(`body.answers.${item.id}`, 'survey.answer-required'));
  }
  if (errors.length === 0 && !Object.values(clean).some((value) => value !== null)) {
    errors.push(fieldProblem('body.answers', 'survey.no-answers'));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers: inItemOrder(items, clean) };
}
