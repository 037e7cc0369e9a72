import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { listTeams } from '../db/organizations.ts';
import {
  completeSnapshot,
  computeWaveAggregates,
  loadPublishedFigures,
  loadWaveSnapshot,
  type SnapshotTeam,
  saveWaveSnapshot,
} from '../db/wave-aggregates.ts';
import { previousClosedWave, type WaveRecord } from '../db/waves.ts';
import { depthFirst } from '../domain/hierarchy/team-import.ts';
import type { QuestionnaireDefinition } from '../domain/questionnaire/definition-schema.ts';
import { buildReport, type Report } from '../domain/report/build-report.ts';
import { type PublishedFigures, publishedFigures } from '../domain/report/published-figures.ts';
import type { WaveAggregates } from '../domain/scoring/aggregates.ts';
import type { QuestionnaireCatalog } from '../questionnaires/catalog.ts';

const scoredItems = (definition: QuestionnaireDefinition) =>
  definition.items.map(({ id, dimension, reverse }) => ({ id, dimension, reverse }));
const scoredDimensions = (definition: QuestionnaireDefinition) =>
  definition.dimensions.map(({ id, outcome }) => ({ id, outcome }));

interface ReportBasis {
  aggregates: WaveAggregates;
  teams: SnapshotTeam[];
}

async function organizationOf(db: Kysely<Database>, wave: WaveRecord) {
  return db
    .selectFrom('organization')
    .select(['name', 'anonymity_threshold'])
    .where('id', '=', wave.organizationId)
    .executeTakeFirstOrThrow();
}

/** Builds a wave's report from its sums and tree, with names in the given locale. */
function assemble(
  definition: QuestionnaireDefinition,
  organization: { name: string; anonymity_threshold: number },
  basis: ReportBasis,
  options: { locale: string; withItems: boolean; previous: PublishedFigures | null; seed: string },
): Report {
  const text = (value: Record<string, string>) =>
    value[options.locale] ?? value[definition.defaultLocale] ?? '';
  return buildReport({
    organizationName: organization.name,
    ...basis,
    dimensions: definition.dimensions.map((d) => ({
      id: d.id,
      name: text(d.name),
      outcome: d.outcome,
      recommendations: d.recommendations[options.locale] ?? d.recommendations[definition.defaultLocale] ?? [],
    })),
    items: scoredItems(definition),
    k: organization.anonymity_threshold,
    withItems: options.withItems,
    previous: options.previous,
    seed: options.seed,
  });
}

/** The figures a closed wave publishes, worked out from its frozen sums and tree. */
async function publishedOf(
  db: Kysely<Database>,
  wave: WaveRecord,
  definition: QuestionnaireDefinition,
  basis: ReportBasis,
): Promise<PublishedFigures> {
  const report = assemble(definition, await organizationOf(db, wave), basis, {
    locale: definition.defaultLocale,
    withItems: true,
    previous: null,
    seed: wave.id,
  });
  return publishedFigures(report);
}

/**
 * Freezes a closed wave's figures and its hierarchy: computed once here, read by every report and
 * export (R3). Moving or renaming teams afterwards changes nothing a closed wave publishes. What
 * it publishes is kept too, for the trends of the next wave.
 */
export async function snapshotWave(
  db: Kysely<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
): Promise<ReportBasis> {
  const definition = catalog.get(wave.questionnaireKey, wave.questionnaireVersion)!;
  const aggregates = await computeWaveAggregates(
    db,
    wave.id,
    scoredItems(definition),
    scoredDimensions(definition),
  );
  const basis = { aggregates, teams: await waveTeams(db, wave) };
  await saveWaveSnapshot(db, wave.id, {
    ...basis,
    published: await publishedOf(db, wave, definition, basis),
  });
  return basis;
}

/** What a report is built from: live for an open wave (a preview), frozen for a closed one. */
async function reportBasis(
  db: Kysely<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
): Promise<ReportBasis> {
  if (wave.status !== 'closed') {
    const definition = catalog.get(wave.questionnaireKey, wave.questionnaireVersion)!;
    return {
      aggregates: await computeWaveAggregates(
        db,
        wave.id,
        scoredItems(definition),
        scoredDimensions(definition),
      ),
      teams: await waveTeams(db, wave),
    };
  }
  const snapshot = await loadWaveSnapshot(db, wave.id);
  if (!snapshot) return snapshotWave(db, wave, catalog);
  return {
    aggregates: snapshot.aggregates,
    teams: snapshot.teams ?? (await completeSnapshot(db, wave.id, 'teams', await waveTeams(db, wave))),
  };
}

/** What an earlier closed wave published, for trends: read as kept, or worked out once and kept. */
async function trendBasis(
  db: Kysely<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
): Promise<PublishedFigures> {
  const kept = await loadPublishedFigures(db, wave.id);
  if (kept) return kept;
  const definition = catalog.get(wave.questionnaireKey, wave.questionnaireVersion)!;
  const basis = await reportBasis(db, wave, catalog);
  return completeSnapshot(db, wave.id, 'published', await publishedOf(db, wave, definition, basis));
}

/** The teams a wave reports on: its teams and their ancestors, depth first. */
async function waveTeams(db: Kysely<Database>, wave: WaveRecord): Promise<SnapshotTeam[]> {
  const all = await listTeams(db, wave.organizationId);
  const linked = new Set(
    (await db.selectFrom('wave_team').select('team_id').where('wave_id', '=', wave.id).execute()).map(
      (r) => r.team_id,
    ),
  );
  const byKey = new Map(all.map((t) => [t.key, t]));
  const keep = new Set<string>();
  for (const team of all) {
    if (!linked.has(team.id)) continue;
    let current: string | null = team.key;
    while (current !== null && !keep.has(current)) {
      keep.add(current);
      current = byKey.get(current)?.parentKey ?? null;
    }
  }
  return depthFirst(all.filter((t) => keep.has(t.key))).map(({ key, name, parentKey }) => ({
    key,
    name,
    parentKey,
  }));
}

export async function waveReport(
  db: Kysely<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
  options: { locale: string; withItems: boolean },
): Promise<Report> {
  const definition = catalog.get(wave.questionnaireKey, wave.questionnaireVersion)!;
  const before = await previousClosedWave(db, wave);
  return assemble(definition, await organizationOf(db, wave), await reportBasis(db, wave, catalog), {
    ...options,
    previous: before ? await trendBasis(db, before, catalog) : null,
    seed: wave.id,
  });
}
