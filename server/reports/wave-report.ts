import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { listTeams } from '../db/organizations.ts';
import {
  computeWaveAggregates,
  freezeSnapshotTeams,
  loadWaveSnapshot,
  type SnapshotTeam,
  saveWaveSnapshot,
  type WaveSnapshot,
} from '../db/wave-aggregates.ts';
import { previousClosedWave, type WaveRecord } from '../db/waves.ts';
import { depthFirst } from '../domain/hierarchy/team-import.ts';
import type { QuestionnaireDefinition } from '../domain/questionnaire/definition-schema.ts';
import { buildReport, type Report } from '../domain/report/build-report.ts';
import type { WaveAggregates } from '../domain/scoring/aggregates.ts';
import type { QuestionnaireCatalog } from '../questionnaires/catalog.ts';

const scoredItems = (definition: QuestionnaireDefinition) =>
  definition.items.map(({ id, dimension, reverse }) => ({ id, dimension, reverse }));
const scoredDimensions = (definition: QuestionnaireDefinition) =>
  definition.dimensions.map(({ id, outcome }) => ({ id, outcome }));

/**
 * Freezes a closed wave's figures and its hierarchy: computed once here, read by every report and
 * export (R3). Moving or renaming teams afterwards changes nothing a closed wave publishes.
 */
export async function snapshotWave(
  db: Kysely<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
): Promise<WaveSnapshot & { teams: SnapshotTeam[] }> {
  const definition = catalog.get(wave.questionnaireKey, wave.questionnaireVersion)!;
  const aggregates = await computeWaveAggregates(
    db,
    wave.id,
    scoredItems(definition),
    scoredDimensions(definition),
  );
  const snapshot = { aggregates, teams: await waveTeams(db, wave) };
  await saveWaveSnapshot(db, wave.id, snapshot);
  return snapshot;
}

/** What a report is built from: live for an open wave (a preview), frozen for a closed one. */
async function reportBasis(
  db: Kysely<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
): Promise<{ aggregates: WaveAggregates; teams: SnapshotTeam[] }> {
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
    teams: snapshot.teams ?? (await freezeSnapshotTeams(db, wave.id, await waveTeams(db, wave))),
  };
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
  options: { locale: string; withItems: boolean; withTrend?: boolean },
): Promise<Report> {
  const definition = catalog.get(wave.questionnaireKey, wave.questionnaireVersion)!;
  const organization = await db
    .selectFrom('organization')
    .select(['name', 'anonymity_threshold'])
    .where('id', '=', wave.organizationId)
    .executeTakeFirstOrThrow();
  const text = (value: Record<string, string>) =>
    value[options.locale] ?? value[definition.defaultLocale] ?? '';

  let previous: Report | null = null;
  if (options.withTrend !== false) {
    const before = await previousClosedWave(db, wave);
    if (before) previous = await waveReport(db, before, catalog, { ...options, withTrend: false });
  }

  return buildReport({
    organizationName: organization.name,
    ...(await reportBasis(db, wave, catalog)),
    dimensions: definition.dimensions.map((d) => ({
      id: d.id,
      name: text(d.name),
      outcome: d.outcome,
      recommendations: d.recommendations[options.locale] ?? d.recommendations[definition.defaultLocale] ?? [],
    })),
    items: scoredItems(definition),
    k: organization.anonymity_threshold,
    withItems: options.withItems,
    previous,
    seed: wave.id,
  });
}
