import type { QuestionnaireDefinition } from './definition-schema.ts';
import { compareVersions } from './version.ts';

export interface DefinitionProblem {
  /** The file the problem is in, as given by the caller. */
  file: string;
  /** Where in the file, e.g. `items[3].text.es`. */
  field: string;
  message: string;
}

export interface DefinitionFile {
  file: string;
  definition: QuestionnaireDefinition;
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

/** Rules one definition must satisfy on its own. */
export function checkDefinition({ file, definition }: DefinitionFile): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ file, field, message });
  const { locales } = definition;

  for (const repeated of duplicates(locales)) problem('locales', `"${repeated}" is listed twice`);
  if (!locales.includes(definition.defaultLocale)) {
    problem(
      'defaultLocale',
      `"${definition.defaultLocale}" is not one of the locales (${locales.join(', ')})`,
    );
  }

  const added = (definition.addedTranslations ?? []).map((t) => t.locale);
  for (const repeated of duplicates(added)) problem('addedTranslations', `"${repeated}" is listed twice`);
  added.forEach((locale, index) => {
    if (!locales.includes(locale)) {
      problem(`addedTranslations[${index}].locale`, `"${locale}" is not one of the locales`);
    } else if (locale === definition.defaultLocale) {
      problem(
        `addedTranslations[${index}].locale`,
        `"${locale}" is the default locale, which every version has from the start`,
      );
    }
  });

  const checkLocalized = (field: string, value: Record<string, unknown> | undefined) => {
    if (!value) return;
    for (const locale of locales) {
      if (!(locale in value)) problem(`${field}.${locale}`, `missing translation for "${locale}"`);
    }
    for (const locale of Object.keys(value)) {
      if (!locales.includes(locale)) problem(`${field}.${locale}`, `"${locale}" is not one of the locales`);
    }
  };

  checkLocalized('title', definition.title);
  checkLocalized('intro', definition.intro);
  definition.scale.forEach((point, index) => {
    if (point.value !== index + 1)
      problem(`scale[${index}].value`, `must be ${index + 1}: the scale runs 1 to 5 in order`);
    checkLocalized(`scale[${index}].label`, point.label);
  });

  const dimensionIds = definition.dimensions.map((d) => d.id);
  for (const repeated of duplicates(dimensionIds))
    problem('dimensions', `dimension id "${repeated}" is used twice`);
  if (definition.dimensions.filter((d) => d.outcome).length > 1) {
    problem('dimensions', 'at most one dimension can be the outcome');
  }
  definition.dimensions.forEach((dimension, index) => {
    checkLocalized(`dimensions[${index}].name`, dimension.name);
    checkLocalized(`dimensions[${index}].description`, dimension.description);
    checkLocalized(`dimensions[${index}].recommendations`, dimension.recommendations);
    if (!definition.items.some((item) => item.dimension === dimension.id)) {
      problem(`dimensions[${index}]`, `dimension "${dimension.id}" has no items`);
    }
  });

  const itemIds = definition.items.map((item) => item.id);
  for (const repeated of duplicates(itemIds)) problem('items', `item id "${repeated}" is used twice`);
  definition.items.forEach((item, index) => {
    if (!dimensionIds.includes(item.dimension)) {
      problem(`items[${index}].dimension`, `"${item.dimension}" is not a declared dimension`);
    }
    if (item.supersedes && itemIds.includes(item.supersedes)) {
      problem(
        `items[${index}].supersedes`,
        `"${item.supersedes}" is still in this version; a replaced item must go`,
      );
    }
    checkLocalized(`items[${index}].text`, item.text);
  });

  if (definition.openQuestion) {
    if (itemIds.includes(definition.openQuestion.id)) {
      problem('openQuestion.id', `"${definition.openQuestion.id}" is already an item id`);
    }
    checkLocalized('openQuestion.text', definition.openQuestion.text);
    checkLocalized('openQuestion.hint', definition.openQuestion.hint);
  }

  definition.changelog.forEach((entry, index) => {
    const previous = definition.changelog[index - 1];
    if (previous && compareVersions(entry.version, previous.version) <= 0) {
      problem(
        `changelog[${index}].version`,
        `${entry.version} does not come after ${previous.version}: versions only move forward`,
      );
    }
  });
  const last = definition.changelog.at(-1);
  if (last && last.version !== definition.version) {
    problem(
      'changelog',
      `the last entry must describe this version (${definition.version}), not ${last.version}`,
    );
  }
  return problems;
}

/**
 * Rules across all definitions: an item id keeps its meaning forever, wherever it appears
 * (trends and the pulse rely on it), and a questionnaire's history only grows.
 */
export function checkCatalog(files: DefinitionFile[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = files.flatMap(checkDefinition);

  const byKeyVersion = new Map<string, string>();
  for (const { file, definition } of files) {
    const name = `${definition.key}@${definition.version}`;
    const other = byKeyVersion.get(name);
    if (other) problems.push({ file, field: 'version', message: `${name} is also defined in ${other}` });
    byKeyVersion.set(name, file);
  }

  const firstUse = new Map<string, { file: string; item: QuestionnaireDefinition['items'][number] }>();
  for (const { file, definition } of files) {
    definition.items.forEach((item, index) => {
      const earlier = firstUse.get(item.id);
      if (!earlier) {
        firstUse.set(item.id, { file, item });
        return;
      }
      const field = `items[${index}]`;
      const where = `item "${item.id}" means something else in ${earlier.file}`;
      if (earlier.item.dimension !== item.dimension) {
        problems.push({
          file,
          field: `${field}.dimension`,
          message: `${where}: dimension differs; use a new id`,
        });
      }
      if (earlier.item.reverse !== item.reverse) {
        problems.push({
          file,
          field: `${field}.reverse`,
          message: `${where}: reverse differs; use a new id`,
        });
      }
      for (const [locale, wording] of Object.entries(item.text)) {
        const before = earlier.item.text[locale];
        if (before !== undefined && before !== wording) {
          problems.push({
            file,
            field: `${field}.text.${locale}`,
            message: `${where}: the wording changed; give the new wording a new id (optionally "supersedes: ${item.id}")`,
          });
        }
      }
    });
  }

  const byKey = new Map<string, DefinitionFile[]>();
  for (const file of files) byKey.set(file.definition.key, [...(byKey.get(file.definition.key) ?? []), file]);
  for (const versions of byKey.values()) {
    const sorted = [...versions].sort((a, b) => compareVersions(a.definition.version, b.definition.version));
    sorted.forEach((current, index) => {
      const previous = sorted[index - 1];
      if (!previous) return;
      const history = previous.definition.changelog;
      const kept = history.every((entry, i) => current.definition.changelog[i]?.version === entry.version);
      if (!kept) {
        problems.push({
          file: current.file,
          field: 'changelog',
          message: `must keep the history of ${previous.definition.version} (${previous.file}) and add to it`,
        });
      }
    });
  }
  return problems;
}
