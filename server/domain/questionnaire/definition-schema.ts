import { z } from 'zod';

/** Stable identifiers: lower-case words joined by single hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SEMVER_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const id = z
  .string()
  .regex(ID_PATTERN, 'must be lower-case words joined by hyphens, e.g. "decision-stability"');
const locale = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language tag such as "en" or "pt-BR"');
const text = z.string().trim().min(1, 'must not be empty');
/** A text in every locale of the questionnaire (completeness is checked by the rules). */
const localized = z.record(z.string(), text);
const localizedList = z.record(z.string(), z.array(text).min(1));

export const scalePointSchema = z.strictObject({
  value: z.number().int().min(1).max(5),
  label: localized,
});

export const dimensionSchema = z.strictObject({
  id,
  /** The outcome the other dimensions drive (execution); reports keep it out of the Trust Index. */
  outcome: z.boolean().default(false),
  name: localized,
  description: localized,
  recommendations: localizedList.describe('What leaders can do when this dimension scores low'),
});

export const itemSchema = z.strictObject({
  id,
  dimension: id,
  /** Worded against the construct: agreement is bad news, so answers are keyed 6 − answer. */
  reverse: z.boolean(),
  required: z.boolean().default(false),
  text: localized,
  /** The id of an item this one replaces after a wording change; trends do not cross it. */
  supersedes: id.optional(),
});

export const openQuestionSchema = z.strictObject({
  id,
  text: localized,
  hint: localized.optional(),
});

export const changelogEntrySchema = z.strictObject({
  version: z.string().regex(SEMVER_PATTERN, 'must be a version such as 1.0.0'),
  date: z.iso.date(),
  changes: text,
});

/** A language added to a version after it was published: its wording is new, its meaning is not. */
export const addedTranslationSchema = z.strictObject({
  locale,
  date: z.iso.date(),
});

export const questionnaireDefinitionSchema = z
  .strictObject({
    key: id,
    version: z.string().regex(SEMVER_PATTERN, 'must be a version such as 1.0.0'),
    defaultLocale: locale,
    locales: z.array(locale).min(1),
    addedTranslations: z
      .array(addedTranslationSchema)
      .optional()
      .describe(
        'Locales added after this version was published. Their texts are pinned on their own; the rest of the version stays as first published.',
      ),
    title: localized,
    intro: localized,
    scale: z.array(scalePointSchema).length(5),
    dimensions: z.array(dimensionSchema).min(1),
    items: z.array(itemSchema).min(1),
    openQuestion: openQuestionSchema.optional(),
    changelog: z.array(changelogEntrySchema).min(1),
  })
  .meta({
    title: 'Trust OS questionnaire definition',
    description:
      'One version of a questionnaire. A published version never changes: edit by adding a new version.',
  });

export type QuestionnaireDefinition = z.output<typeof questionnaireDefinitionSchema>;
export type DimensionDefinition = QuestionnaireDefinition['dimensions'][number];
export type ItemDefinition = QuestionnaireDefinition['items'][number];
export type LocalizedText = Record<string, string>;
