import { canonicalJson } from './content-hash.ts';
import type { QuestionnaireDefinition } from './definition-schema.ts';

/**
 * What publishing a version pins, as canonical texts to hash.
 *
 * A published version never changes: what a respondent read, in the language they read it, and
 * how it is scored must stay exactly what it was. Adding a language changes neither: the items,
 * dimensions, directions and scale are the same, and no text anyone has read is touched. So a
 * version is pinned in parts. `original` is the version as first published: every field, in the
 * locales it had then (the hash of the whole file before translations could be added, so versions
 * published earlier keep their pin). Each locale listed in `addedTranslations` is pinned on its own
 * the first time a server loads it, and from then on never changes either.
 */
export interface PublicationParts {
  original: string;
  translations: { locale: string; content: string }[];
}

export function publicationParts(definition: QuestionnaireDefinition): PublicationParts {
  const added = (definition.addedTranslations ?? []).map((t) => t.locale);
  const originalLocales = definition.locales.filter((l) => !added.includes(l));
  return {
    original: canonicalJson(inLocales(definition, originalLocales)),
    translations: added
      .filter((l) => definition.locales.includes(l))
      .map((locale) => ({ locale, content: canonicalJson(inLocales(definition, [locale])) })),
  };
}

/** The definition with the texts of `keep` only, and without the record of added translations. */
function inLocales(definition: QuestionnaireDefinition, keep: string[]): QuestionnaireDefinition {
  const only = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).filter(([locale]) => keep.includes(locale)));
  const { addedTranslations: _, openQuestion, ...rest } = definition;
  return {
    ...rest,
    locales: definition.locales.filter((l) => keep.includes(l)),
    title: only(definition.title),
    intro: only(definition.intro),
    scale: definition.scale.map((point) => ({ ...point, label: only(point.label) })),
    dimensions: definition.dimensions.map((d) => ({
      ...d,
      name: only(d.name),
      description: only(d.description),
      recommendations: only(d.recommendations),
    })),
    items: definition.items.map((item) => ({ ...item, text: only(item.text) })),
    ...(openQuestion && {
      openQuestion: {
        ...openQuestion,
        text: only(openQuestion.text),
        ...(openQuestion.hint && { hint: only(openQuestion.hint) }),
      },
    }),
  };
}
