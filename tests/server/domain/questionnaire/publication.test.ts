import { describe, expect, it } from 'vitest';
import {
  type QuestionnaireDefinition,
  questionnaireDefinitionSchema,
} from '../../../../server/domain/questionnaire/definition-schema.ts';
import { publicationParts } from '../../../../server/domain/questionnaire/publication.ts';
import { minimalDefinition, withAddedFrench } from '../../../support/questionnaire-fixtures.ts';

const parse = (raw: Record<string, unknown>): QuestionnaireDefinition =>
  questionnaireDefinitionSchema.parse(raw);

/** The fixture as published in English and Spanish, then with French added afterwards. */
function withFrench(change: (raw: ReturnType<typeof withAddedFrench>) => void = () => {}) {
  const raw = withAddedFrench(minimalDefinition());
  change(raw);
  return parse(raw);
}

describe('what publishing a questionnaire version pins', () => {
  const published = publicationParts(parse(minimalDefinition()));

  it('a version without added languages is pinned whole, with nothing pinned apart', () => {
    expect(published.translations).toEqual([]);
  });

  it('adding a language leaves the version as first published untouched, and pins the language apart', () => {
    const parts = publicationParts(withFrench());
    expect(parts.original).toBe(published.original);
    expect(parts.translations.map((t) => t.locale)).toEqual(['fr']);
    expect(parts.translations[0]!.content).toContain('Énoncé ds-holds');
    expect(parts.translations[0]!.content).not.toContain('Decisions hold.');
  });

  it('a changed text of a first-published language changes what was published', () => {
    const parts = publicationParts(
      withFrench((raw) => {
        raw.items[0]!.text.es = 'Se mantienen siempre.';
      }),
    );
    expect(parts.original).not.toBe(published.original);
  });

  it('a changed text of the added language changes that language only', () => {
    const before = publicationParts(withFrench());
    const after = publicationParts(
      withFrench((raw) => {
        Object.assign(raw.items[0]!.text, { fr: 'Autre énoncé.' });
      }),
    );
    expect(after.original).toBe(before.original);
    expect(after.translations[0]!.content).not.toBe(before.translations[0]!.content);
  });

  it('a change of scoring changes what was published, whatever language it comes with', () => {
    const parts = publicationParts(
      withFrench((raw) => {
        raw.items[0]!.reverse = true;
      }),
    );
    expect(parts.original).not.toBe(published.original);
  });

  it('declaring a first-published language as added later does not hide it from the pin', () => {
    const raw = minimalDefinition({ addedTranslations: [{ locale: 'es', date: '2026-11-26' }] });
    expect(publicationParts(parse(raw)).original).not.toBe(published.original);
  });
});
