import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Placeholders } from '../../server/http/error-codes.ts';
import {
  formatMessage,
  MessageSyntaxError,
  messageParameters,
  pluralCategoriesOf,
} from '../../shared/message-format.ts';

const left = '{n, plural, one {# character left} other {# characters left}}';

describe('filling in a message', () => {
  it('fills each placeholder, and leaves one it was not given in sight', () => {
    expect(formatMessage('en', 'Team {team}: {n}', { team: 'Ops', n: 3 })).toBe('Team Ops: 3');
    expect(formatMessage('en', 'Team {team}', {})).toBe('Team {team}');
  });

  it('writes a number through the formatter it is given, and text as it came', () => {
    const grouped = (value: number) => new Intl.NumberFormat('de').format(value);
    expect(formatMessage('de', '{n} und {t}', { n: 12000, t: '12000' }, grouped)).toBe('12.000 und 12000');
  });

  it('picks the words for a count by the language: one and other in English', () => {
    expect(formatMessage('en', left, { n: 1 })).toBe('1 character left');
    expect(formatMessage('en', left, { n: 0 })).toBe('0 characters left');
    expect(formatMessage('en', left, { n: 2 })).toBe('2 characters left');
    expect(formatMessage('en', left, { n: 1.5 })).toBe('1.5 characters left');
  });

  it('follows French, where none and one both take the singular', () => {
    const fr = '{n, plural, one {# équipe} other {# équipes}}';
    expect(formatMessage('fr', fr, { n: 0 })).toBe('0 équipe');
    expect(formatMessage('fr', fr, { n: 1 })).toBe('1 équipe');
    expect(formatMessage('fr', fr, { n: 2 })).toBe('2 équipes');
  });

  it('prefers an exact branch over the category, and falls back to other', () => {
    const text = '{n, plural, =0 {nobody} =1 {the one person} other {all # people}}';
    expect(formatMessage('en', text, { n: 0 })).toBe('nobody');
    expect(formatMessage('en', text, { n: 1 })).toBe('the one person');
    expect(formatMessage('en', text, { n: 7 })).toBe('all 7 people');
  });

  it('fills the placeholders inside a branch, and formats its # like any number', () => {
    const grouped = (value: number) => new Intl.NumberFormat('de').format(value);
    const text = '{n, plural, one {# Person in {team}} other {# Personen in {team}}}';
    expect(formatMessage('de', text, { n: 12000, team: 'Ops' }, grouped)).toBe('12.000 Personen in Ops');
    expect(formatMessage('de', text, { n: 1, team: 'Ops' }, grouped)).toBe('1 Person in Ops');
  });

  it('reads a count that came as digits, and shows a plural it cannot count as its name', () => {
    expect(formatMessage('en', left, { n: '1' })).toBe('1 character left');
    expect(formatMessage('en', `Note: ${left}`, {})).toBe('Note: {n}');
    expect(formatMessage('en', left, { n: 'many' })).toBe('{n}');
  });

  it('keeps a brace or a # that is not part of the syntax as it is', () => {
    expect(formatMessage('en', 'Row #3 { open', {})).toBe('Row #3 { open');
    expect(formatMessage('en', '{n, plural, other {# of {total}, #1}}', { n: 2, total: 5 })).toBe(
      '2 of 5, 21',
    );
  });

  it('refuses a plural without other, with a category no language has, or left open', () => {
    expect(() => formatMessage('en', '{n, plural, one {# item}}', { n: 1 })).toThrow(MessageSyntaxError);
    expect(() => formatMessage('en', '{n, plural, single {#} other {#}}', { n: 1 })).toThrow(/not a plural/);
    expect(() => formatMessage('en', '{n, plural, one {#} other {#', { n: 1 })).toThrow(MessageSyntaxError);
    expect(() => formatMessage('en', 'a } b', {})).toThrow(MessageSyntaxError);
  });

  it('names every parameter once, a count and what its branches take, and the categories used', () => {
    const text = 'In {wave}: {n, plural, =1 {the one in {team}} one {#} other {# in {team}}}';
    expect(messageParameters(text)).toEqual(['n', 'team', 'wave']);
    expect(pluralCategoriesOf(text)).toEqual(['one', 'other']);
    expect(pluralCategoriesOf('{n} and {m}')).toEqual([]);
  });
});

describe("the server's type of a wording's parameters", () => {
  it('names what messageParameters names, however the plural is written', () => {
    expectTypeOf<
      Placeholders<'Wait {seconds, plural, one {# second} other {# seconds}}.'>
    >().toEqualTypeOf<'seconds'>();
    expectTypeOf<
      Placeholders<'{n,plural,=0 {no items, none} one {# item} other {# items}}'>
    >().toEqualTypeOf<'n'>();
    expectTypeOf<
      Placeholders<'In {wave}: {n, plural, =1 {the one in {team}} other {# in {team}}}'>
    >().toEqualTypeOf<'wave' | 'n' | 'team'>();
    expectTypeOf<Placeholders<'No parameters here.'>>().toEqualTypeOf<never>();
    expect(messageParameters('{n,plural,=0 {no items, none} one {# item} other {# items}}')).toEqual(['n']);
  });
});
