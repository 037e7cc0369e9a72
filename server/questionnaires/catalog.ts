import type { QuestionnaireDefinition } from '../domain/questionnaire/definition-schema.ts';
import { compareVersions } from '../domain/questionnaire/version.ts';
import { formatProblem, type LoadedDefinition, loadDefinitions } from './load-definitions.ts';

export class DefinitionsInvalidError extends Error {
  override name = 'DefinitionsInvalidError';
}

/** Every questionnaire version the server knows, loaded and validated once at start-up. */
export interface QuestionnaireCatalog {
  get(key: string, version: string): QuestionnaireDefinition | undefined;
  latest(key: string): QuestionnaireDefinition | undefined;
  list(): { key: string; versions: QuestionnaireDefinition[] }[];
  entries(): LoadedDefinition[];
}

export function createCatalog(loaded: LoadedDefinition[]): QuestionnaireCatalog {
  const byKey = new Map<string, LoadedDefinition[]>();
  for (const entry of loaded)
    byKey.set(entry.definition.key, [...(byKey.get(entry.definition.key) ?? []), entry]);
  for (const versions of byKey.values()) {
    versions.sort((a, b) => compareVersions(a.definition.version, b.definition.version));
  }
  return {
    get: (key, version) => byKey.get(key)?.find((e) => e.definition.version === version)?.definition,
    latest: (key) => byKey.get(key)?.at(-1)?.definition,
    list: () =>
      [...byKey.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, versions]) => ({ key, versions: versions.map((v) => v.definition) })),
    entries: () => [...loaded],
  };
}

export async function loadCatalog(folder: string): Promise<QuestionnaireCatalog> {
  const { definitions, problems } = await loadDefinitions(folder);
  if (problems.length > 0) {
    throw new DefinitionsInvalidError(
      `Questionnaire definitions in ${folder} are invalid:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
  }
  return createCatalog(definitions);
}
