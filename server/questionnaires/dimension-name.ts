import type { QuestionnaireDefinition } from '../domain/questionnaire/definition-schema.ts';
import type { QuestionnaireCatalog } from './catalog.ts';

/**
 * A dimension's name in `locale`: from the wave's own questionnaire, or, for an action made on an
 * earlier wave of another questionnaire (a diagnostic's, beside a pulse), from the newest one that
 * asks it. Dimension ids mean the same in every questionnaire.
 */
export function dimensionName(
  catalog: QuestionnaireCatalog,
  definition: QuestionnaireDefinition,
  id: string,
  locale: string,
): string {
  const asking = [definition, ...catalog.list().flatMap(({ versions }) => [...versions].reverse())].find(
    (d) => d.dimensions.some((dimension) => dimension.id === id),
  );
  const name = asking?.dimensions.find((dimension) => dimension.id === id)?.name;
  return name?.[locale] ?? (asking && name?.[asking.defaultLocale]) ?? id;
}
