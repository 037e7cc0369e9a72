import { beforeAll, describe, expect, it } from 'vitest';
import { surveyDefinitionsDir } from '../../../server/paths.ts';
import { loadCatalog, type QuestionnaireCatalog } from '../../../server/questionnaires/catalog.ts';
import { dimensionName } from '../../../server/questionnaires/dimension-name.ts';

describe("a dimension's name beside a wave's actions", () => {
  let catalog: QuestionnaireCatalog;
  beforeAll(async () => {
    catalog = await loadCatalog(surveyDefinitionsDir);
  });

  it("comes from the wave's questionnaire, or from another that asks it, never as a bare id", () => {
    const pulse = catalog.get('trust-os-pulse', '1.0.0')!;
    expect(dimensionName(catalog, pulse, 'ownership', 'es')).toBe('Responsabilidad');
    // A pulse of the organization's own that leaves authority out: an earlier diagnostic's action
    // on authority is still named, in the page's language.
    const short = { ...pulse, dimensions: pulse.dimensions.filter((d) => d.id !== 'authority') };
    const named = pulse.dimensions.find((d) => d.id === 'authority')!.name;
    expect(dimensionName(catalog, short, 'authority', 'fr')).toBe(named.fr);
    // A language the questionnaire lacks falls back to its default; an unknown id stays itself.
    expect(dimensionName(catalog, short, 'authority', 'pt')).toBe(named[pulse.defaultLocale]);
    expect(dimensionName(catalog, short, 'no-such-dimension', 'en')).toBe('no-such-dimension');
  });
});
