import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionnaireDefinition } from '../../../server/domain/questionnaire/definition-schema.ts';
import { surveyDefinitionsDir } from '../../../server/paths.ts';
import { loadCatalog, type QuestionnaireCatalog } from '../../../server/questionnaires/catalog.ts';

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

  it('are both complete in English and Spanish', () => {
    for (const definition of [diagnostic, pulse]) {
      expect(definition.locales).toEqual(['en', 'es']);
      expect(definition.dimensions.map((d) => d.id)).toEqual(dimensions);
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

  it('every dimension carries recommendations for leaders in both languages', () => {
    for (const dimension of diagnostic.dimensions) {
      expect(dimension.recommendations.en!.length).toBeGreaterThanOrEqual(3);
      expect(dimension.recommendations.es!.length).toBe(dimension.recommendations.en!.length);
    }
  });
});
