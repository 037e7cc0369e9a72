import type { QuestionnaireDefinition } from './definition-schema.ts';

/** A questionnaire in one language: what the API serves and the survey page shows. */
export interface LocalizedQuestionnaire {
  key: string;
  version: string;
  locale: string;
  locales: string[];
  title: string;
  intro: string;
  scale: { value: number; label: string }[];
  dimensions: {
    id: string;
    name: string;
    description: string;
    recommendations: string[];
    outcome: boolean;
  }[];
  items: { id: string; dimension: string; text: string; reverse: boolean; required: boolean }[];
  openQuestion: { id: string; text: string; hint: string | null } | null;
}

/** Null when the questionnaire has no such locale; no locale means its default. */
export function localize(
  definition: QuestionnaireDefinition,
  locale?: string,
): LocalizedQuestionnaire | null {
  const chosen = locale ?? definition.defaultLocale;
  if (!definition.locales.includes(chosen)) return null;
  const t = (text: Record<string, string>) => text[chosen] ?? text[definition.defaultLocale] ?? '';
  return {
    key: definition.key,
    version: definition.version,
    locale: chosen,
    locales: definition.locales,
    title: t(definition.title),
    intro: t(definition.intro),
    scale: definition.scale.map((point) => ({ value: point.value, label: t(point.label) })),
    dimensions: definition.dimensions.map((d) => ({
      id: d.id,
      name: t(d.name),
      description: t(d.description),
      recommendations: d.recommendations[chosen] ?? d.recommendations[definition.defaultLocale] ?? [],
      outcome: d.outcome,
    })),
    items: definition.items.map((item) => ({
      id: item.id,
      dimension: item.dimension,
      text: t(item.text),
      reverse: item.reverse,
      required: item.required,
    })),
    openQuestion: definition.openQuestion
      ? {
          id: definition.openQuestion.id,
          text: t(definition.openQuestion.text),
          hint: definition.openQuestion.hint ? t(definition.openQuestion.hint) : null,
        }
      : null,
  };
}

/** Picks the best locale for a list of preferences (e.g. from Accept-Language), else the default. */
export function pickLocale(definition: QuestionnaireDefinition, preferences: string[]): string {
  for (const preference of preferences) {
    const exact = definition.locales.find((l) => l.toLowerCase() === preference.toLowerCase());
    if (exact) return exact;
    const language = definition.locales.find(
      (l) => l.split('-')[0] === preference.split('-')[0]?.toLowerCase(),
    );
    if (language) return language;
  }
  return definition.defaultLocale;
}
