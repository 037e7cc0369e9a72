import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { listTeams } from '../db/organizations.ts';
import {
  collectWaveComments,
  computeWaveFigureSums,
  loadFrozenHeadcounts,
  loadFrozenTree,
  loadPublishedFiguresText,
  loadWaveSnapshot,
  type SnapshotTeam,
  saveWaveSnapshot,
} from '../db/wave-aggregates.ts';
import { participationCounts, previousClosedWave, type WaveRecord } from '../db/waves.ts';
import { Hierarchy, ORGANIZATION } from '../domain/hierarchy/hierarchy.ts';
import type { QuestionnaireDefinition } from '../domain/questionnaire/definition-schema.ts';
import type { Report, ReportInput } from '../domain/report/build-report.ts';
import { changedPopulations } from '../domain/report/changed-populations.ts';
import { previewReport } from '../domain/report/preview-report.ts';
import type { ReportSlice } from '../domain/report/slice-report.ts';
import type { ScoredDimension, ScoredItem } from '../domain/scoring/aggregates.ts';
import type { FrozenSums, SumsTexts } from '../domain/scoring/sums-document.ts';
import { HttpError } from '../http/errors.ts';
import type { QuestionnaireCatalog } from '../questionnaires/catalog.ts';
import type { FrozenDocuments } from './frozen-documents.ts';
import type { KeptReport } from './kept-report.ts';
import {
  buildReportOffThread,
  type Freezer,
  itemSliceOffThread,
  prepareFreeze,
  type ReportSource,
} from './report-builder.ts';
import { REPORT_CELLS, ReportCache } from './report-cache.ts';

const scoredItems = (definition: QuestionnaireDefinition) =>
  definition.items.map(({ id, dimension, reverse }) => ({ id, dimension, reverse }));
const scoredDimensions = (definition: QuestionnaireDefinition) =>
  definition.dimensions.map(({ id, outcome }) => ({ id, outcome }));

interface ReportBasis {
  /** The frozen sums, as the JSON texts stored (`WaveSnapshot`). */
  frozen: FrozenSums;
  teams: SnapshotTeam[];
}

async function organizationOf(db: Kysely<Database>, wave: WaveRecord) {
  return db
    .selectFrom('organization')
    .select(['name', 'anonymity_threshold'])
    .where('id', '=', wave.organizationId)
    .executeTakeFirstOrThrow();
}

/** What a wave's report is built from beside its sums: its tree, with names in the given locale. */
function reportInput(
  definition: QuestionnaireDefinition,
  organization: { name: string; anonymity_threshold: number },
  teams: SnapshotTeam[],
  options: { locale: string; withItems: boolean },
): Omit<ReportInput, 'aggregates' | 'previous'> {
  const text = (value: Record<string, string>) =>
    value[options.locale] ?? value[definition.defaultLocale] ?? '';
  return {
    organizationName: organization.name,
    teams,
    dimensions: definition.dimensions.map((d) => ({
      id: d.id,
      name: text(d.name),
      outcome: d.outcome,
      recommendations: d.recommendations[options.locale] ?? d.recommendations[definition.defaultLocale] ?? [],
    })),
    items: scoredItems(definition),
    k: organization.anonymity_threshold,
    withItems: options.withItems,
  };
}

/**
 * Freezes a closing wave's publication inside the transaction that closes it: its sums, its
 * hierarchy and the figures it publishes, computed once and read by every report, export,
 * participation list and later trend (R3). Moving or renaming teams afterwards changes nothing a
 * closed wave publishes. `keep` carries the parts a snapshot taken before this code already has,
 * so sealing an old wave keeps the hierarchy its readers saw.
 *
 * The database sums the answers before this returns; the documents are then worked out on the
 * report thread, started when this begins, while the caller goes on with the transaction, and the
 * returned `store` waits for them and writes them. Between the two, the answers may be rewritten,
 * not changed. A caller that fails before `store` calls `abandon`, which ends that thread.
 *
 * `beside`, when given, sums them on another connection instead (`sumsBeside` in seal-wave.ts),
 * while this transaction reads their open answers and then rewrites them: it must read what this
 * transaction would, which the lock on the wave row guarantees. Should it fail (no connection to
 * be had in time, say), `store` tells `onFallback` why and sums them here, after the rewrite, with
 * the open answers already read.
 */
export async function freezePublication(
  trx: Transaction<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
  keep: { teams: SnapshotTeam[] | null } = { teams: null },
  beside: Summing | null = null,
  onFallback: (error: unknown) => void = () => {},
): Promise<{ store(): Promise<void>; abandon(): void }> {
  // The freeze's thread starts now and loads its code while the database sums.
  const freezer = prepareFreeze();
  try {
    return await sumAndFreeze(trx, wave, catalog, freezer, keep, beside, onFallback);
  } catch (error) {
    freezer.abandon();
    throw error;
  }
}

async function sumAndFreeze(
  trx: Transaction<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
  freezer: Freezer,
  keep: { teams: SnapshotTeam[] | null },
  beside: Summing | null,
  onFallback: (error: unknown) => void,
): Promise<{ store(): Promise<void>; abandon(): void }> {
  const definition = catalog.get(wave.questionnaireKey, wave.questionnaireVersion)!;
  const items = scoredItems(definition);
  const dimensions = scoredDimensions(definition);
  const besideSums = beside?.(items, dimensions);
  // Its failure is `store`'s to handle, through `summed`, after the open answers are read.
  besideSums?.catch(() => undefined);
  // Meanwhile this transaction reads the open answers, which the sums do not wait for: the
  // freeze, which needs both, starts as soon as the sums are in (about 0.1 s sooner at 100,000
  // answers), and the rewrite after this starts that much later. The same answers as the other
  // connection sums, in the order of their ids before they are drawn again.
  const comments = await collectWaveComments(trx, wave.id);
  const here = async () => ({ sums: await computeWaveFigureSums(trx, wave.id, items, dimensions), comments });
  const summed = besideSums ? besideSums.then((sums) => ({ sums, comments })) : Promise.resolve(await here());
  // Awaited by `store`; should the transaction fail before then, the outcome is moot.
  summed.catch(() => undefined);
  // A first close reads the organization's teams once: for the tree it freezes and their headcounts.
  const all = keep.teams ? null : await listTeams(trx, wave.organizationId);
  const teams = keep.teams ?? (await waveTeams(trx, wave, all!));
  // The figures are those of the report with items in the questionnaire's own language, whose
  // names they do not carry; decoded, worked out and written as JSON off the event loop.
  const report = reportInput(definition, await organizationOf(trx, wave), teams, {
    locale: definition.defaultLocale,
    withItems: true,
  });
  const freeze = (sums: SumsTexts) => freezer({ sums, report: { ...report, previous: null } });
  const frozen = summed.then(freeze);
  frozen.catch(() => undefined);
  // Frozen with a tree of its own (a first close): the headcounts of the teams it asked, as they
  // stand now. Which teams it asked is kept with them: a team without answers may be removed once
  // the wave has closed, and its place in the wave with it.
  const headcounts = all
    ? JSON.stringify(Object.fromEntries(teamHeadcounts(all, await askedTeams(trx, wave.id))))
    : null;
  const save = async (sums: SumsTexts, documents: Promise<FrozenDocuments>) =>
    saveWaveSnapshot(trx, wave.id, { sums, ...(await documents), teams: JSON.stringify(teams), headcounts });
  return {
    async store() {
      const sums = await summed.catch((error: unknown) => {
        if (!beside) throw error;
        try {
          onFallback(error);
        } catch {
          // Telling of it must not fail the close.
        }
        return null;
      });
      if (sums) return save(sums, frozen);
      const again = await here();
      return save(again, freeze(again));
    },
    abandon: freezer.abandon,
  };
}

/** Sums a closing wave's answers, as `computeWaveFigureSums` does, wherever the caller chooses. */
export type Summing = (items: ScoredItem[], dimensions: ScoredDimension[]) => Promise<string>;

/**
 * A closed wave whose publication is not frozen: only possible while another instance, started
 * with an older closed wave, is still sealing it. Answered 503 with Retry-After.
 */
export class PublicationNotReadyError extends HttpError {
  constructor() {
    super(503, 'report.being-prepared');
  }
}

/** What a closed wave's report is built from: what was frozen when it closed, read and never written. */
async function frozenBasis(db: Kysely<Database>, wave: WaveRecord): Promise<ReportBasis> {
  const snapshot = await loadWaveSnapshot(db, wave.id);
  if (!snapshot?.teams || !snapshot.frozen) throw new PublicationNotReadyError();
  return { frozen: snapshot.frozen, teams: snapshot.teams };
}

/**
 * The headcounts a wave's response rates are read against: for a closed wave, those frozen when it
 * closed, so its rates never drift when the organization edits headcounts later; for a wave
 * frozen before they were, or still open, today's. Teams outside the wave have none.
 */
export async function headcountsOf(
  db: Kysely<Database>,
  wave: WaveRecord,
): Promise<Map<string, number | null>> {
  // Frozen: the teams it asked, each with its headcount then (`teamHeadcounts`).
  const frozen = wave.status === 'closed' ? await loadFrozenHeadcounts(db, wave.id) : null;
  if (frozen) return frozen;
  const [all, asked] = await Promise.all([listTeams(db, wave.organizationId), askedTeams(db, wave.id)]);
  return new Map(teamHeadcounts(all, asked));
}

/**
 * The headcount of each team the wave asked, by key, as the organization's teams (`all`) say now.
 * Only those: a department kept in the wave's tree to hold its teams together, but not asked
 * itself, expected nobody's answer, and has no entry.
 */
function teamHeadcounts(
  all: readonly { key: string; headcount: number | null }[],
  asked: readonly string[],
): [string, number | null][] {
  const now = new Map(all.map((team) => [team.key, team.headcount]));
  return asked.map((key) => [key, now.get(key) ?? null]);
}

/** The keys of the teams a wave asked (its links), as they stand now. */
async function askedTeams(db: Kysely<Database>, waveId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('wave_team')
    .innerJoin('team', 'team.id', 'wave_team.team_id')
    .select('team.key')
    .where('wave_team.wave_id', '=', waveId)
    .orderBy('team.position')
    .execute();
  return rows.map((row) => row.key);
}

/** The teams a wave reports on: its teams and their ancestors, depth first. */
async function waveTeams(
  db: Kysely<Database>,
  wave: WaveRecord,
  all?: Awaited<ReturnType<typeof listTeams>>,
): Promise<SnapshotTeam[]> {
  all ??= await listTeams(db, wave.organizationId);
  const linked = new Set(
    (await db.selectFrom('wave_team').select('team_id').where('wave_id', '=', wave.id).execute()).map(
      (r) => r.team_id,
    ),
  );
  const hierarchy = Hierarchy.from(all);
  const keep = new Set<string>();
  for (const team of all) {
    if (!linked.has(team.id)) continue;
    // Up to the first team already kept, so each team is walked over once however deep.
    let current: string | null = team.key;
    while (current !== null && current !== ORGANIZATION && !keep.has(current)) {
      keep.add(current);
      current = hierarchy.parent(current);
    }
  }
  const byKey = new Map(all.map((t) => [t.key, t]));
  return hierarchy.depthFirst
    .filter((key) => keep.has(key))
    .map((key) => {
      const { name, parentKey } = byKey.get(key)!;
      return { key, name, parentKey };
    });
}

/**
 * What a closed wave's report depends on beyond its options, and what it is built from. The key
 * names the organization's name and k, the previous closed wave (trends) and the row versions of
 * both snapshots. A snapshot is written once, when its wave is sealed; the row version still goes
 * in the key, so a wave sealed after it was first read (an older wave, by another instance's
 * start-up) is read anew, with or without the trends its sealing makes possible.
 */
async function closedReport(
  db: Kysely<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
  locale: string,
) {
  const definition = catalog.get(wave.questionnaireKey, wave.questionnaireVersion)!;
  const before = await previousClosedWave(db, wave);
  const organization = await organizationOf(db, wave);
  const versions = await snapshotVersions(db, before ? [wave.id, before.id] : [wave.id]);
  /**
   * Groups whose people differ from the previous wave's: their trends would compare two sets.
   * `teams`: this wave's frozen tree, as its report has just read it.
   */
  async function changedSince(previousWave: WaveRecord, teams: SnapshotTeam[]): Promise<string[]> {
    const [headcounts, then] = await Promise.all([
      loadFrozenHeadcounts(db, wave.id),
      loadFrozenTree(db, previousWave.id),
    ]);
    const now = { teams, asked: headcounts ? new Set(headcounts.keys()) : null };
    // A wave frozen before its tree was has no trends to give (`publishedGroups`), nor a tree to
    // tell its people by.
    return then ? [...changedPopulations(now, then)] : [];
  }
  return {
    key: (withItems: boolean) =>
      JSON.stringify([
        wave.id,
        locale,
        withItems,
        organization.name,
        organization.anonymity_threshold,
        before?.id ?? null,
        versions,
      ]),
    /** The report's input and its sums as the JSON texts stored, loaded only when it is to be built. */
    async source(withItems: boolean): Promise<ReportSource> {
      const { frozen, teams } = await frozenBasis(db, wave);
      const input = {
        ...reportInput(definition, organization, teams, { locale, withItems }),
        changedSincePrevious: before ? await changedSince(before, teams) : [],
      };
      const previous = before ? await loadPublishedFiguresText(db, before.id) : null;
      return { input, frozen, previous };
    },
  };
}

/**
 * The report of a closed wave, from its frozen publication, with trends against the previous one,
 * as it is kept (`KeptReport`): its text, from which each reader gets the groups it is sent.
 */
export async function waveReport(
  db: Kysely<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
  options: { locale: string; withItems: boolean },
): Promise<KeptReport> {
  const report = await closedReport(db, wave, catalog, options.locale);
  const key = report.key(options.withItems);
  const kept = closedReports.get(key);
  if (kept) return kept;
  // The board opens the report together once it closes: one build, however many read it first.
  let building = reportsBeingBuilt.get(key);
  if (!building) {
    building = (async () =>
      closedReports.set(key, await buildReportOffThread(await report.source(options.withItems))))();
    reportsBeingBuilt.set(key, building);
    building.then(
      () => reportsBeingBuilt.delete(key),
      () => reportsBeingBuilt.delete(key),
    );
  }
  return building;
}

/** The closed reports on their way, by `closedReports` key: each read of one waits for the same. */
const reportsBeingBuilt = new Map<string, Promise<KeptReport>>();

/**
 * Part of a closed wave's report with items (what a click on a heat-map cell reads): cut from the
 * whole report with items when it is kept, otherwise made on the report thread for the groups sent
 * alone, with the suppression decisions of the whole report (R3). Null for a root the report does
 * not have, or outside `slice.within`.
 */
export async function waveItemSlice(
  db: Kysely<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
  options: { locale: string; slice: ReportSlice },
): Promise<Report | null> {
  const report = await closedReport(db, wave, catalog, options.locale);
  const kept = closedReports.get(report.key(true));
  if (kept) return kept.slice(options.slice);
  return itemSliceOffThread(report.key(true), options.slice, () => report.source(true));
}

async function snapshotVersions(db: Kysely<Database>, waveIds: string[]) {
  const { rows } = await sql<{ wave_id: string; version: string }>`
    select wave_id, xmin::text as version from wave_snapshot where wave_id in (${sql.join(waveIds)})`.execute(
    db,
  );
  return waveIds.map((id) => rows.find((row) => row.wave_id === id)?.version ?? null);
}

/**
 * The closed reports built, up to `REPORT_CELLS`. A click on a heat-map cell does not need the
 * whole report with items (`waveItemSlice`); it is read whole only through the API, and building
 * it takes seconds at 10,000 teams.
 */
const closedReports = new ReportCache(REPORT_CELLS);

/**
 * What a consultant sees of an open wave (R6): how many answered in each group and which groups
 * will be shown at close, computed from a count per team and the suppression decision. It
 * reads no response and no figure, so it costs the same at 10 or 100,000 answers.
 */
export async function wavePreview(
  db: Kysely<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
  options: { locale: string; withItems: boolean },
): Promise<Report> {
  const definition = catalog.get(wave.questionnaireKey, wave.questionnaireVersion)!;
  const text = (value: Record<string, string>) =>
    value[options.locale] ?? value[definition.defaultLocale] ?? '';
  const organization = await organizationOf(db, wave);
  const counts = new Map(
    (await participationCounts(db, wave.id)).map((row) => [row.teamKey, Number(row.responses ?? 0)]),
  );
  return previewReport({
    organizationName: organization.name,
    teams: await waveTeams(db, wave),
    respondents: counts,
    k: organization.anonymity_threshold,
    dimensions: definition.dimensions.map((d) => ({ id: d.id, name: text(d.name), outcome: d.outcome })),
    items: options.withItems ? definition.items.map((item) => item.id) : null,
  });
}
