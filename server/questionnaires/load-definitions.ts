import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import {
  type QuestionnaireDefinition,
  questionnaireDefinitionSchema,
} from '../domain/questionnaire/definition-schema.ts';
import { publicationParts } from '../domain/questionnaire/publication.ts';
import { checkCatalog, type DefinitionProblem } from '../domain/questionnaire/rules.ts';

export interface LoadedDefinition {
  /** Path relative to the definitions folder, e.g. `trust-os-pulse/1.0.0.yaml`. */
  file: string;
  definition: QuestionnaireDefinition;
  /** The version as first published, in the locales it had then (see `publicationParts`). */
  contentHash: string;
  /** One hash per locale added after publication. */
  translationHashes: { locale: string; contentHash: string }[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface LoadResult {
  definitions: LoadedDefinition[];
  problems: DefinitionProblem[];
}

/** Reads `<key>/<version>.yaml` files, validates each and the set as a whole. */
export async function loadDefinitions(folder: string): Promise<LoadResult> {
  const problems: DefinitionProblem[] = [];
  const definitions: LoadedDefinition[] = [];
  const keys = (await readdir(folder, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  for (const key of keys.sort()) {
    const files = (await readdir(path.join(folder, key))).filter((f) => /\.ya?ml$/.test(f)).sort();
    for (const name of files) {
      const file = `${key}/${name}`;
      let raw: unknown;
      try {
        raw = parse(await readFile(path.join(folder, file), 'utf8'));
      } catch (error) {
        problems.push({
          file,
          field: '(file)',
          message: `is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
        });
        continue;
      }
      const parsed = questionnaireDefinitionSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          problems.push({
            file,
            field: issue.path.map(String).join('.') || '(root)',
            message: issue.message,
          });
        }
        continue;
      }
      const definition = parsed.data;
      const expected = `${definition.key}/${definition.version}.yaml`;
      if (file.replace(/\.yml$/, '.yaml') !== expected) {
        problems.push({ file, field: 'key', message: `key and version say this file should be ${expected}` });
      }
      const parts = publicationParts(definition);
      definitions.push({
        file,
        definition,
        contentHash: sha256(parts.original),
        translationHashes: parts.translations.map((t) => ({
          locale: t.locale,
          contentHash: sha256(t.content),
        })),
      });
    }
  }
  problems.push(...checkCatalog(definitions));
  return { definitions, problems };
}

export function formatProblem(problem: DefinitionProblem): string {
  return `${problem.file}: ${problem.field}: ${problem.message}`;
}
