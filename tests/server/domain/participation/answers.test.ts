import { describe, expect, it } from 'vitest';
import { inItemOrder, validateAnswers } from '../../../../server/domain/participation/answers.ts';

const items = [
  { id: 'first', required: true },
  { id: 'constructor', required: false },
  { id: 'third', required: false },
];

describe('answers in the stored form', () => {
  it("puts each answer at its item's place, whatever order the keys came in", () => {
    const checked = validateAnswers(items, { third: 2, first: 5 });
    expect(checked).toEqual({ ok: true, answers: [5, null, 2] });
  });

  it('keeps a skipped item and a left-out item alike as null', () => {
    expect(validateAnswers(items, { first: 4, third: null })).toEqual({ ok: true, answers: [4, null, null] });
  });

  it('reads only the answers given, never what every object inherits', () => {
    // `constructor` is an allowed item id; left out, it must not find Object's constructor.
    expect(inItemOrder(items, { first: 1 })).toEqual([1, null, null]);
    expect(inItemOrder(items, Object.assign(Object.create(null), { constructor: 3 }))).toEqual([
      null,
      3,
      null,
    ]);
  });
});
