import type { Kysely } from 'kysely';
import { compareVersions } from '../domain/questionnaire/version.ts';
import type { LoadedDefinition } from '../questionnaires/load-definitions.ts';
import type { Database } from './database.ts';

export class PublishedQuestionnaireChangedError extends Error {
  override name = 'PublishedQuestionnaireChangedError';
}

/**
 * Publishes every loaded version, once. A version already published must have the same
 * content; a new version must come after every published one of its questionnaire; a
 * published version's file must still exist, because waves and responses point at it.
 */
export async function publishQuestionnaires(db: Kysely<Database>, loaded: LoadedDefinition[]): Promise<void> {
  const fresh = await newVersions(db, loaded);
  if (fresh.length > 0) {
    await db
      .insertInto('questionnaire_version')
      .values(
        fresh.map(({ definition, contentHash }) => ({
          key: definition.key,
          version: definition.version,
          content_hash: contentHash,
        })),
      )
      // Another instance starting at the same moment may publish the same rows; the check below still runs.
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const published = await db.selectFrom('questionnaire_version').selectAll().execute();
  for (const row of published) {
    const file = loaded.find((l) => l.definition.key === row.key && l.definition.version === row.version);
    if (!file) {
      throw new PublishedQuestionnaireChangedError(
        `${row.key}@${row.version} is published but survey-definitions/${row.key}/${row.version}.yaml is missing: restore the file.`,
      );
    }
    if (file.contentHash !== row.content_hash) {
      throw new PublishedQuestionnaireChangedError(
        `survey-definitions/${file.file}: ${row.key}@${row.version} was published with different content. ` +
          'A published version never changes: restore the file and put the edits in a new version (bump "version" and add a changelog entry). ' +
          'To add a language, list it under "addedTranslations" and leave everything else as it was.',
      );
    }
  }
  await publishTranslations(db, loaded);
}

/**
 * Pins each language added to a published version, once, after the version itself was found
 * intact: from then on its texts never change either, and it cannot be taken away, because
 * people may have answered in it.
 */
async function publishTranslations(db: Kysely<Database>, loaded: LoadedDefinition[]): Promise<void> {
  const rows = loaded.flatMap(({ definition, translationHashes }) =>
    translationHashes.map((t) => ({
      key: definition.key,
      version: definition.version,
      locale: t.locale,
      content_hash: t.contentHash,
    })),
  );
  if (rows.length > 0) {
    await db
      .insertInto('questionnaire_translation')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const published = await db.selectFrom('questionnaire_translation').selectAll().execute();
  for (const row of published) {
    const file = loaded.find((l) => l.definition.key === row.key && l.definition.version === row.version)!;
    const translation = file.translationHashes.find((t) => t.locale === row.locale);
    if (!translation) {
      throw new PublishedQuestionnaireChangedError(
        `survey-definitions/${file.file}: ${row.key}@${row.version} was published in "${row.locale}": ` +
          `restore its "${row.locale}" texts and keep "${row.locale}" under "addedTranslations".`,
      );
    }
    if (translation.contentHash !== row.content_hash) {
      throw new PublishedQuestionnaireChangedError(
        `survey-definitions/${file.file}: the "${row.locale}" texts of ${row.key}@${row.version} were published with different wording. ` +
          'A published text never changes: restore it and put the edits in a new version (bump "version" and add a changelog entry).',
      );
    }
  }
}

async function newVersions(db: Kysely<Database>, loaded: LoadedDefinition[]): Promise<LoadedDefinition[]> {
  const published = await db.selectFrom('questionnaire_version').select(['key', 'version']).execute();
  const fresh: LoadedDefinition[] = [];
  for (const entry of loaded) {
    const { key, version } = entry.definition;
    const ofKey = published.filter((p) => p.key === key);
    if (ofKey.some((p) => p.version === version)) continue;
    const newer = ofKey.find((p) => compareVersions(p.version, version) > 0);
    if (newer) {
      throw new PublishedQuestionnaireChangedError(
        `survey-definitions/${entry.file}: ${key}@${version} comes before the published ${key}@${newer.version}; ` +
          'versions only move forward: give it a version after the latest published one.',
      );
    }
    fresh.push(entry);
  }
  return fresh;
}
