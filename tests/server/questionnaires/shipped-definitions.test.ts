import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionnaireDefinition } from '../../../server/domain/questionnaire/definition-schema.ts';
import { surveyDefinitionsDir } from '../../../server/paths.ts';
import { loadCatalog, type QuestionnaireCatalog } from '../../../server/questionnaires/catalog.ts';
import { loadDefinitions } from '../../../server/questionnaires/load-definitions.ts';

const dimensions = ['decision-stability', 'ownership', 'authority', 'psychological-safety', 'execution'];

describe('the shipped questionnaires', () => {
  let catalog: QuestionnaireCatalog;
  let diagnostic: QuestionnaireDefinition;
  let pulse: QuestionnaireDefinition;
  beforeAll(async () => {
    catalog = await loadCatalog(surveyDefinitionsDir);
    diagnostic = catalog.get('trust-os-diagnostic', '1.0.0')!;
    pulse = catalog.get('trust-os-pulse', '1.0.0')!;
  });

  it('are both complete in English and Spanish, with French and German added after publication', () => {
    for (const definition of [diagnostic, pulse]) {
      expect(definition.locales).toEqual(['en', 'es', 'fr', 'de']);
      expect(definition.addedTranslations?.map((t) => t.locale)).toEqual(['fr', 'de']);
      expect(definition.dimensions.map((d) => d.id)).toEqual(dimensions);
    }
  });

  // The hashes recorded when 1.0.0 was published, in English and Spanish. A server that published
  // them refuses to start if they change, so a translation must never touch them.
  it('keep the content 1.0.0 was published with', async () => {
    const { definitions } = await loadDefinitions(surveyDefinitionsDir);
    const hashes = Object.fromEntries(definitions.map((d) => [d.file, d.contentHash]));
    expect(hashes).toMatchObject({
      'trust-os-diagnostic/1.0.0.yaml': 'f794835ea7e32152fb0677e7d53370623b9bb4a61fb7cfc3c4e83bb7c92d7b2a',
      'trust-os-pulse/1.0.0.yaml': 'bd97b206a88c1394829a33f44b0c80f89b10b3cd51e9866f0f3ce977d7655232',
    });
  });

  // Employees answer on a phone, anonymously: the formal address throughout, never the familiar one.
  it('address respondents and leaders formally in French and German', () => {
    const texts = (definition: QuestionnaireDefinition, locale: string) => [
      definition.title[locale]!,
      definition.intro[locale]!,
      ...definition.scale.map((p) => p.label[locale]!),
      ...definition.dimensions.flatMap((d) => [
        d.name[locale]!,
        d.description[locale]!,
        ...d.recommendations[locale]!,
      ]),
      ...definition.items.map((item) => item.text[locale]!),
      definition.openQuestion!.text[locale]!,
      definition.openQuestion!.hint![locale]!,
    ];
    for (const definition of [diagnostic, pulse]) {
      const french = texts(definition, 'fr').join('\n');
      const german = texts(definition, 'de').join('\n');
      expect(french).not.toMatch(/\b(tu|te|toi|ton|ta|tes)\b|\bt['’]/i);
      expect(french).toMatch(/\bvous\b/);
      expect(german).not.toMatch(/\b(du|dich|dir|dein|deine|deinen|deinem|deiner|euch|euer|eure)\b/i);
      expect(german).toMatch(/\bSie\b/);
      // French typography, as in the interface: a narrow no-break space before : ; ? ! (so a phone
      // never wraps before them) and the typographic apostrophe.
      expect(french).not.toMatch(/[ \u00a0][:;?!]/);
      expect(french).not.toContain("'");
    }
  });

  it('diagnostic: 5 to 7 items per dimension, at least one reverse-worded, and the open question', () => {
    for (const dimension of dimensions) {
      const items = diagnostic.items.filter((item) => item.dimension === dimension);
      expect(items.length).toBeGreaterThanOrEqual(5);
      expect(items.length).toBeLessThanOrEqual(7);
      expect(items.some((item) => item.reverse)).toBe(true);
    }
    expect(diagnostic.openQuestion?.text.en).toMatch(/harder .* act on .* agreed/i);
  });

  it('execution is the single outcome dimension', () => {
    expect(diagnostic.dimensions.filter((d) => d.outcome).map((d) => d.id)).toEqual(['execution']);
  });

  it('pulse: two items per dimension, all taken from the diagnostic with the same meaning', () => {
    expect(pulse.items.length).toBeLessThanOrEqual(10);
    for (const dimension of dimensions) {
      expect(pulse.items.filter((item) => item.dimension === dimension)).toHaveLength(2);
    }
    for (const item of pulse.items) {
      expect(diagnostic.items.find((d) => d.id === item.id)).toEqual(item);
    }
  });

  it('every dimension carries recommendations for leaders in every language', () => {
    for (const dimension of diagnostic.dimensions) {
      expect(dimension.recommendations.en!.length).toBeGreaterThanOrEqual(3);
      for (const locale of ['es', 'fr', 'de'])
        expect(dimension.recommendations[locale]!.length).toBe(dimension.recommendations.en!.length);
    }
  });
});
