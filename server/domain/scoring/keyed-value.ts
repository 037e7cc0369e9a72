import type { ScoredItem } from './aggregate-types.ts';

/** 5 always means more trust: a reverse-worded item's answer is flipped to 6 − answer. */
export const keyedValue = (item: Pick<ScoredItem, 'reverse'>, answer: number): number =>
  item.reverse ? 6 - answer : answer;

/** A usable answer: an integer from 1 to 5 (anything else counts as skipped). */
export const isAnswer = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
